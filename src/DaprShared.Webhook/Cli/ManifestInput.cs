using System.Text;
using DaprShared.Core.Manifests;

namespace DaprShared.Webhook.Cli;

/// <summary>Reads the manifests of <c>-f FILE|-</c> as text, bounded by <see cref="ManifestLimits.MaxInputChars"/>
/// so that a runaway pipe cannot exhaust memory. Encoding follows the byte-order mark, UTF-8 otherwise.</summary>
internal static class ManifestInput
{
    public const string StandardInput = "-";

    public static string Read(string file, TextReader stdin)
    {
        if (file == StandardInput)
        {
            return ReadBounded(stdin, "standard input");
        }

        if (Directory.Exists(file))
        {
            throw new CliInputException($"cannot read '{file}': it is a directory");
        }

        try
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ReadBounded(reader, $"'{file}'");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliInputException($"cannot read '{file}': no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read '{file}': permission denied");
        }
        catch (IOException e)
        {
            throw new CliInputException($"cannot read '{file}': {e.Message}");
        }
    }

    private static string ReadBounded(TextReader reader, string source)
    {
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > ManifestLimits.MaxInputChars)
            {
                throw new CliInputException($"{source} is larger than {ManifestLimits.MaxInputChars / (1024 * 1024)} MiB of text");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }
}
