using DaprShared.Benchmarks.Corpus;
using DaprShared.Core.Contract;

namespace DaprShared.Benchmarks;

/// <summary>Writes every benchmark case as <c>NAME.json</c> (compact, as the API server sends it), verified first.</summary>
public static class BodyExport
{
    public static void WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var review in ReviewCases.All())
        {
            CaseCheck.Verify(review, new ClusterSettings());
            var path = Path.Combine(directory, review.Name + ".json");
            File.WriteAllBytes(path, review.Body);
            Console.WriteLine($"{review.Name}\t{review.Body.Length}\t{review.Expected?.ToString() ?? "?"}");
        }
    }
}
