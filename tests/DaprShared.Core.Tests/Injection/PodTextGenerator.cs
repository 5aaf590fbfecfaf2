using System.Globalization;
using System.Text;
using DaprShared.Core.Contract;
using DaprShared.Core.Injection;

namespace DaprShared.Core.Tests.Injection;

/// <summary>Seeded pods written as JSON text, with what a <c>JsonObject</c> cannot hold and the API server does not
/// forbid: duplicate members, escaped keys and values, values of the wrong kind wherever the reader expects an
/// object, array or string, members in any order, odd whitespace. Every fact <see cref="PodFactsReader"/> takes
/// gets exercised, so comparing it with <see cref="PodFactsOracle"/> over these pods tests each of its rules.</summary>
internal static class PodTextGenerator
{
    private static readonly string[] OddValues =
        ["\"\"", "42", "-1.5e3", "true", "false", "null", "{\"a\":[1, 2]}", "[\"v\"]", "{}", "[]"];

    private static readonly string[] EnvEntryNames =
        [.. ContainerFacts.InjectedNames, "USER_VAR", "DAPR_HTTP_PORT"];

    public static string Generate(Random random)
    {
        var members = new List<string>
        {
            Member(random, "apiVersion", "\"v1\""),
            Member(random, "kind", "\"Pod\""),
            Member(random, "metadata", Sometimes(random, 10, () => Metadata(random))),
            Member(random, "spec", Sometimes(random, 10, () => Spec(random))),
        };
        AddDuplicate(random, members, () => Member(random, "metadata", Sometimes(random, 10, () => Metadata(random))));
        AddDuplicate(random, members, () => Member(random, "spec", Sometimes(random, 10, () => Spec(random))));
        return Object(random, members);
    }

    private static string Metadata(Random random)
    {
        var members = new List<string>
        {
            Member(random, "name", "\"orders-1\""),
            Member(random, "labels", Sometimes(random, 10, () => Labels(random))),
            Member(random, "annotations", Sometimes(random, 10, () => Annotations(random))),
        };
        if (random.Next(2) == 0)
        {
            members.Add(Member(random, "namespace", Pick(random, "\"shop\"", "\"\"", "7", "null", "{\"x\":1}")));
        }

        AddDuplicate(random, members, () => Member(random, "labels", Sometimes(random, 10, () => Labels(random))));
        AddDuplicate(random, members, () => Member(random, "annotations", Sometimes(random, 10, () => Annotations(random))));
        return Object(random, members);
    }

    private static string Labels(Random random)
    {
        var members = new List<string> { Member(random, "app", "\"orders\"") };
        if (random.Next(3) > 0)
        {
            members.Add(Member(random, DaprSharedKeys.AppIdLabel, StringOrOdd(random, "\"orders\"")));
        }

        AddDuplicate(random, members, () => Member(random, DaprSharedKeys.AppIdLabel, StringOrOdd(random, "\"other\"")));
        return Object(random, members);
    }

    private static string Annotations(Random random)
    {
        var members = new List<string> { Member(random, "team", "\"payments\"") };
        foreach (var key in PodFacts.AnnotationKeys.Where(_ => random.Next(3) == 0))
        {
            members.Add(Member(random, key, StringOrOdd(random, Pick(random, "\"true\"", "\"orders\"", "\"8080\"", "\"tr\\u0075e\""))));
        }

        AddDuplicate(random, members, () => Member(random, Pick(random, PodFacts.AnnotationKeys), StringOrOdd(random, "\"second\"")));
        return Object(random, members);
    }

    private static string Spec(Random random)
    {
        var members = new List<string>
        {
            Member(random, "containers", Sometimes(random, 10, () => Containers(random, 1 + random.Next(3)))),
            Member(random, "volumes", "[{\"name\":\"data\",\"emptyDir\":{}}]"),
        };
        if (random.Next(2) == 0)
        {
            members.Add(Member(random, "initContainers", Sometimes(random, 10, () => Containers(random, random.Next(3)))));
        }

        AddDuplicate(random, members, () => Member(random, "containers", Sometimes(random, 10, () => Containers(random, random.Next(3)))));
        return Object(random, members);
    }

    private static string Containers(Random random, int count) =>
        "[" + string.Join(Comma(random), Enumerable.Range(0, count).Select(i => Sometimes(random, 10, () => Container(random, i)))) + "]";

    private static string Container(Random random, int index)
    {
        var members = new List<string>
        {
            Member(random, "name", StringOrOdd(random, $"\"c{index}\"")),
            Member(random, "image", "\"example/app:1\""),
        };
        if (random.Next(4) > 0)
        {
            members.Add(Member(random, "env", Sometimes(random, 10, () => Env(random))));
        }

        AddDuplicate(random, members, () => Member(random, "env", Sometimes(random, 10, () => Env(random))));
        AddDuplicate(random, members, () => Member(random, "name", StringOrOdd(random, "\"renamed\"")));
        return Object(random, members);
    }

    private static string Env(Random random) =>
        "[" + string.Join(Comma(random), Enumerable.Range(0, random.Next(5)).Select(_ => Sometimes(random, 10, () => EnvEntry(random)))) + "]";

    private static string EnvEntry(Random random)
    {
        var members = new List<string> { Member(random, "name", StringOrOdd(random, Quoted(random, Pick(random, EnvEntryNames)))) };
        switch (random.Next(4))
        {
            case 0:
                break;
            case 1:
                members.Add(Member(random, "value", StringOrOdd(random, Pick(random, "\"http://mine:1\"", "\"\"", "\"t\\u00f6ken\""))));
                break;
            default:
                members.Add(Member(random, "valueFrom", Sometimes(random, 10, () => ValueFrom(random))));
                break;
        }

        AddDuplicate(random, members, () => Member(random, Pick(random, "name", "value", "valueFrom"), StringOrOdd(random, Quoted(random, Pick(random, EnvEntryNames)))));
        return Object(random, members);
    }

    private static string ValueFrom(Random random)
    {
        var members = new List<string>();
        if (random.Next(4) > 0)
        {
            members.Add(Member(random, "secretKeyRef", Sometimes(random, 10, () => SecretKeyRef(random))));
        }
        else
        {
            members.Add(Member(random, "fieldRef", "{\"fieldPath\":\"metadata.name\"}"));
        }

        AddDuplicate(random, members, () => Member(random, "secretKeyRef", Sometimes(random, 10, () => SecretKeyRef(random))));
        return Object(random, members);
    }

    private static string SecretKeyRef(Random random)
    {
        var members = new List<string>();
        if (random.Next(5) > 0)
        {
            members.Add(Member(random, "name", StringOrOdd(random, "\"orders-dapr-api-token\"")));
        }

        if (random.Next(5) > 0)
        {
            members.Add(Member(random, "key", StringOrOdd(random, "\"token\"")));
        }

        AddDuplicate(random, members, () => Member(random, Pick(random, "name", "key"), StringOrOdd(random, "\"other\"")));
        return Object(random, members);
    }

    /// <summary>Members in a random order.</summary>
    private static string Object(Random random, List<string> members) =>
        "{" + string.Join(Comma(random), members.OrderBy(_ => random.Next())) + "}";

    private static string Member(Random random, string key, string value) =>
        Quoted(random, key) + (random.Next(8) == 0 ? " : " : ":") + value;

    /// <summary>A JSON string of <paramref name="text"/>; now and then with one character written as an escape.</summary>
    private static string Quoted(Random random, string text)
    {
        if (random.Next(6) > 0 || text.Length == 0)
        {
            return "\"" + text + "\"";
        }

        var at = random.Next(text.Length);
        var escaped = text[at] == '/' ? "\\/" : "\\u" + ((int)text[at]).ToString("x4", CultureInfo.InvariantCulture);
        return new StringBuilder("\"").Append(text, 0, at).Append(escaped).Append(text, at + 1, text.Length - at - 1).Append('"').ToString();
    }

    /// <summary><paramref name="value"/> usually; one in <paramref name="oneIn"/> times a value of another kind.</summary>
    private static string Sometimes(Random random, int oneIn, Func<string> value) =>
        random.Next(oneIn) == 0 ? Pick(random, OddValues) : value();

    private static string StringOrOdd(Random random, string value) => random.Next(6) == 0 ? Pick(random, OddValues) : value;

    /// <summary>One time in four, a second member of the same name: whichever the shuffle puts last must win.</summary>
    private static void AddDuplicate(Random random, List<string> members, Func<string> member)
    {
        if (random.Next(4) == 0)
        {
            members.Add(member());
        }
    }

    private static string Comma(Random random) => random.Next(8) == 0 ? ",\n  " : ",";

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
