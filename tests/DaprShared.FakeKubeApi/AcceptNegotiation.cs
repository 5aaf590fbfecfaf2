namespace DaprShared.FakeKubeApi;

/// <summary>The Accept header as kube-apiserver v1.32 negotiates it (go-restful's route check, then
/// k8s.io/apiserver's <c>NegotiateMediaTypeOptions</c>), restricted to JSON, the only encoding the fake writes.</summary>
/// <remarks>
/// <para>First, some clause must name a type the route produces (<c>application/json</c>, <c>application/yaml</c>,
/// <c>application/vnd.kubernetes.protobuf</c>, <c>*/*</c>; case-sensitive), else 406 "Available representations".
/// Then the clauses are tried by falling <c>q</c>: the first JSON one whose <c>as</c>/<c>g</c>/<c>v</c> the endpoint
/// can convert to wins; a clause asking for anything else (<c>as=Foo</c>, <c>as</c> without <c>g</c>/<c>v</c>,
/// <c>v=v2</c>) is skipped, and with no clause left the answer is 406 "only the following media types are
/// accepted".</para>
/// <para>The server does not check here whether the form fits the request: asking for the List form of one object
/// (or the single form of a list) passes negotiation and fails when the answer is written (see
/// <see cref="RequestHandler"/>). That is why a watch that asks for <c>PartialObjectMetadataList</c> gets a 200
/// and then a stream that ends without an event.</para>
/// <para>Differences: YAML and protobuf clauses are skipped (the fake writes JSON only), and <c>as=Table</c> is
/// treated as unknown.</para>
/// </remarks>
internal static class AcceptNegotiation
{
    private const string Representations = "application/json, application/yaml, application/vnd.kubernetes.protobuf";
    private const string StreamRepresentations = ", application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch";

    private static readonly string[] RouteTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf", "*/*"];

    /// <summary>The form to answer in, or a 406 <see cref="ApiError"/>.</summary>
    /// <param name="header">The Accept header (several headers joined with commas).</param>
    /// <param name="collectionRoute">A list, watch or create URL (no object name): its route also produces the
    /// watch stream types, which the 406 message lists.</param>
    public static ResponseForm Negotiate(string? header, bool collectionRoute)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return ResponseForm.Plain;
        }

        var clauses = Parse(header);
        if (!clauses.Any(c => RouteTypes.Contains(c.Type, StringComparer.Ordinal)))
        {
            throw ApiError.NotAcceptable(
                "406: Not Acceptable\n\nAvailable representations: " + Representations + (collectionRoute ? StreamRepresentations : ""),
                emptyDetails: true);
        }

        foreach (var clause in clauses.OrderByDescending(c => c.Quality))
        {
            if (clause.Type is not ("application/json" or "*/*"))
            {
                continue;
            }

            clause.Parameters.TryGetValue("as", out var target);
            clause.Parameters.TryGetValue("g", out var group);
            clause.Parameters.TryGetValue("v", out var version);
            if (target is null && group is null && version is null)
            {
                return ResponseForm.Plain;
            }

            if (target is ResponseForm.PartialObject or ResponseForm.PartialList && group == "meta.k8s.io" && version is "v1" or "v1beta1")
            {
                return new ResponseForm(target, version);
            }
        }

        throw ApiError.NotAcceptable("only the following media types are accepted: " + Representations);
    }

    private static List<Clause> Parse(string header)
    {
        var clauses = new List<Clause>();
        foreach (var raw in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(';', StringSplitOptions.TrimEntries);
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            var quality = 1.0;
            foreach (var part in parts.Skip(1))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var name = part[..equals].Trim();
                var value = part[(equals + 1)..].Trim();
                if (name == "q")
                {
                    quality = double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) ? q : 0;
                }
                else
                {
                    parameters[name] = value;
                }
            }

            clauses.Add(new Clause(parts[0], quality, parameters));
        }

        return clauses;
    }

    private sealed record Clause(string Type, double Quality, Dictionary<string, string> Parameters);
}
