namespace DaprShared.TestData;

/// <summary>Locates the test data copied next to the test assembly.</summary>
public static class TestDataPaths
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "testdata");

    public static string Admission => Path.Combine(Root, "admission");

    public static string Golden => Path.Combine(Root, "golden");

    /// <summary>The AdmissionReview files captured from a real kube-apiserver v1.32.</summary>
    public static IReadOnlyList<string> CapturedReviews() =>
        Directory.GetFiles(Admission, "*.json").OrderBy(path => path, StringComparer.Ordinal).ToArray();

    public static string ReadAdmission(string fileName) => File.ReadAllText(Path.Combine(Admission, fileName));

    /// <summary>The repository root, found by walking up to DaprShared.Webhook.sln (for tests of deploy/ and scripts).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaprShared.Webhook.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DaprShared.Webhook.sln not found above " + AppContext.BaseDirectory);
    }
}
