using DaprShared.Webhook.Admission;

namespace DaprShared.Webhook.Tests.Admission;

public sealed class JsonContentTypeTests
{
    [Theory]
    [InlineData("application/json")]
    [InlineData("Application/JSON")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json;charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=utf8")]
    public void IsAcceptable_Json_True(string contentType)
    {
        JsonContentType.IsAcceptable(contentType).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("text/plain")]
    [InlineData("application/json-patch+json")]
    [InlineData("application/jsonx")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/yaml")]
    [InlineData(";;;")]
    public void IsAcceptable_Other_False(string? contentType)
    {
        JsonContentType.IsAcceptable(contentType).Should().BeFalse();
    }
}
