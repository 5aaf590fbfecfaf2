using DaprShared.TestData;

namespace DaprShared.Webhook.Tests.Infrastructure;

/// <summary>The Prometheus text reader the webhook tests, the real-API-server suite and the AOT smoke share.</summary>
public sealed class MetricsTextTests
{
    private const string Exposition = """
        # HELP dapr_shared_admissions_total Admission reviews answered.
        # TYPE dapr_shared_admissions_total counter
        dapr_shared_admissions_total{result="patched",reason="injected"} 3
        dapr_shared_admissions_total{result="patched",reason="already_injected"} 2
        dapr_shared_admissions_total{result="allowed",reason="not_opted_in"} 7
        dapr_shared_admissions_total_created 1.7e9
        dapr_shared_controller_leader 1
        dapr_shared_admission_duration_seconds_bucket{le="+Inf"} 12
        odd{path="a \"quoted\", comma\\ and\nnewline",le="0.5"} NaN 1700000000000
        huge +Inf

        """;

    [Fact]
    public void Value_ExactLabels_OnlyTheSeriesWithExactlyThoseLabels()
    {
        MetricsText.Value(Exposition, "dapr_shared_admissions_total", ("result", "patched"), ("reason", "injected")).Should().Be(3);
        MetricsText.Value(Exposition, "dapr_shared_admissions_total", ("reason", "injected"), ("result", "patched")).Should().Be(3, "label order does not matter");
        MetricsText.Value(Exposition, "dapr_shared_admissions_total", ("result", "patched")).Should().BeNull("no series has only that label");
        MetricsText.Value(Exposition, "dapr_shared_controller_leader").Should().Be(1);
        MetricsText.Value(Exposition, "dapr_shared_admission_duration_seconds_bucket", ("le", "+Inf")).Should().Be(12);
    }

    [Fact]
    public void Sum_SomeLabels_SumsEverySeriesThatCarriesThem()
    {
        MetricsText.Sum(Exposition, "dapr_shared_admissions_total", ("result", "patched")).Should().Be(5);
        MetricsText.Sum(Exposition, "dapr_shared_admissions_total").Should().Be(12);
        MetricsText.Sum(Exposition, "dapr_shared_admissions_total", ("result", "denied")).Should().BeNull();
    }

    [Fact]
    public void Value_NameThatStartsAnotherName_OnlyItsOwnSeries()
    {
        MetricsText.Sum(Exposition, "dapr_shared_admissions").Should().BeNull();
        MetricsText.Value(Exposition, "dapr_shared_admissions_total_created").Should().Be(1.7e9);
    }

    [Fact]
    public void Parse_EscapesSpecialValuesAndTimestamps_ReadAsPrometheusWritesThem()
    {
        var odd = MetricsText.Parse(Exposition).Single(s => s.Name == "odd");

        odd.Labels.Should().Equal(new Dictionary<string, string> { ["path"] = "a \"quoted\", comma\\ and\nnewline", ["le"] = "0.5" });
        double.IsNaN(odd.Value).Should().BeTrue();
        MetricsText.Value(Exposition, "huge").Should().Be(double.PositiveInfinity);
    }

    [Theory]
    [InlineData("no_value")]
    [InlineData("unclosed{a=\"b\" 1")]
    [InlineData("unquoted{a=b} 1")]
    [InlineData("not_a_number 1,5")]
    public void Parse_NotASample_Fails(string line)
    {
        var parse = () => MetricsText.Parse(line);

        parse.Should().Throw<FormatException>().WithMessage($"*{line}*");
    }
}
