namespace DaprShared.Integration.Tests.Infrastructure;

/// <summary>For a test that runs a table of cases against the cluster: every row that went wrong is reported, one
/// line each naming its row, not only the first.</summary>
public static class TableFailures
{
    public static void ShouldBeNone(IReadOnlyCollection<string> failures, string table)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (failures.Count > 0)
        {
            Assert.Fail($"{failures.Count} of the {table} went wrong:\n" + string.Join("\n", failures));
        }
    }
}
