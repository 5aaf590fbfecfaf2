namespace DaprShared.Core.Manifests;

/// <summary>The input is not YAML this tool can read. Carries where: the 1-based document index in the stream
/// and the 1-based line and column in the input.</summary>
public sealed class ManifestFormatException : Exception
{
    public ManifestFormatException()
    {
    }

    public ManifestFormatException(string message)
        : base(message)
    {
    }

    public ManifestFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ManifestFormatException(string message, int document, int line, int column, Exception? innerException = null)
        : base(message, innerException)
    {
        Document = document;
        Line = line;
        Column = column;
    }

    /// <summary>1-based index of the YAML document in the stream (0 when unknown).</summary>
    public int Document { get; }

    /// <summary>1-based line in the input (0 when unknown).</summary>
    public int Line { get; }

    /// <summary>1-based column in the input (0 when unknown).</summary>
    public int Column { get; }

    /// <summary>"document 2, line 7, column 3: message".</summary>
    public string Describe()
    {
        var where = Document > 0 ? $"document {Document}" : "input";
        if (Line > 0)
        {
            where += $", line {Line}, column {Column}";
        }

        return $"{where}: {Message}";
    }
}
