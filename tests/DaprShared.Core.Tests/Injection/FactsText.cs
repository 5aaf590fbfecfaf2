using System.Text;

namespace DaprShared.Core.Tests.Injection;

/// <summary>Pod facts as text, one fact per line, written the same way from <see cref="Core.Injection.PodFacts"/> and
/// from <see cref="PodFactsOracle"/>: two readings of a pod compare with one assertion, and a difference shows as
/// the line that differs. A value is written as its kind and raw JSON (<c>String:"orders"</c>), an absent one as
/// <c>-</c>.</summary>
internal sealed class FactsText
{
    private readonly StringBuilder text = new();

    public FactsText Metadata(bool isObject, bool labelsIsObject, bool annotationsIsObject, string appIdLabel, string metadataNamespace)
    {
        text.Append($"metadata={isObject} labels={labelsIsObject} annotations={annotationsIsObject}");
        text.Append($" label={appIdLabel} namespace={metadataNamespace}\n");
        return this;
    }

    public FactsText Annotation(string key, string value)
    {
        text.Append($"{key}={value}\n");
        return this;
    }

    public FactsText List(string listName, bool isArray, int count)
    {
        text.Append($"{listName} array={isArray} count={count}\n");
        return this;
    }

    public FactsText NotAnObject()
    {
        text.Append("  not an object\n");
        return this;
    }

    public FactsText Container(string name, bool envIsArray)
    {
        text.Append($"  name={name} env={envIsArray}\n");
        return this;
    }

    /// <summary>The first env entry named <paramref name="variable"/>.</summary>
    public FactsText Env(string variable, string value, string valueFrom, string secretName, string secretKey)
    {
        text.Append($"    {variable} value={value} valueFrom={valueFrom} secret={secretName}/{secretKey}\n");
        return this;
    }

    public override string ToString() => text.ToString();
}
