using DaprShared.Core.Injection;

namespace DaprShared.Core.Manifests;

/// <summary>The injector's decision on one pod template of a manifest.</summary>
/// <param name="Document">1-based index of the YAML document.</param>
/// <param name="Line">1-based line where the document's content starts.</param>
/// <param name="Kind">The workload's kind (<c>Pod</c> for a bare pod).</param>
/// <param name="Name">The workload's name (or <c>generateName</c>; empty when it has neither).</param>
/// <param name="Namespace">The namespace used for the decision.</param>
/// <param name="TemplatePath">JSON pointer of the pod template in the document ("" for a bare pod).</param>
/// <param name="NamespaceOptedIn">Whether the namespace was treated as labelled <c>dapr-shared.io/enabled=true</c>.</param>
/// <param name="Result">The decision; operation paths are relative to the template.</param>
/// <param name="Notes">Problems found by the CLI itself (e.g. an annotation value that is not a string).</param>
public sealed record TemplateDecision(
    int Document,
    int Line,
    string Kind,
    string Name,
    string Namespace,
    string TemplatePath,
    bool NamespaceOptedIn,
    InjectionResult Result,
    IReadOnlyList<string> Notes)
{
    /// <summary>"Deployment shop/orders".</summary>
    public string Workload => $"{Kind} {Namespace}/{(Name.Length == 0 ? "<unnamed>" : Name)}";
}
