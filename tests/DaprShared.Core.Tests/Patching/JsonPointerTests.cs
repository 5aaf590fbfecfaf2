using DaprShared.Core.Patching;

namespace DaprShared.Core.Tests.Patching;

public sealed class JsonPointerTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("dapr-shared.io/app-id", "dapr-shared.io~1app-id")]
    [InlineData("a~b", "a~0b")]
    [InlineData("a~1/b", "a~01~1b")]
    public void Escape_Key_FollowsRfc6901(string key, string expected)
    {
        JsonPointer.Escape(key).Should().Be(expected);
        JsonPointer.Unescape(expected).Should().Be(key);
    }
}
