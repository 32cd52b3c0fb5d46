using System.Text.Json;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>
/// Reads connectivity.json from the Connectivity suite. Read by shape rather than by type so that the suite can add
/// fields: an array of checks (the root, or the first array property), each with a name, target, outcome, message and evidence.
/// </summary>
public static class ConnectivityResults
{
    public const string FileName = "connectivity.json";

    public static List<ConnectivityCheck> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var array = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement
            : document.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"{path} holds no list of checks.");
        }

        return [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(Check)];
    }

    private static ConnectivityCheck Check(JsonElement e) => new()
    {
        Name = Text(e, "name", "probe", "test", "check") ?? "(unnamed check)",
        Target = Text(e, "target", "endpoint", "host") ?? "",
        Status = Text(e, "failure") is "Unreachable" ? FindingStatus.Error : Status(Text(e, "status", "outcome", "verdict")),
        Message = Text(e, "sentence", "message", "detail") ?? "",
        Evidence = Facts(e, "evidence", "facts", Text(e, "connect_address", "connectAddress"), Text(e, "failure")),
    };

    /// <summary>Maps the suite's words onto finding statuses; anything unknown is an Error, never a pass. An unreachable endpoint is an Error (could not evaluate), not a failure.</summary>
    public static FindingStatus Status(string? word) => (word ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant() switch
    {
        "PASS" or "PASSED" => FindingStatus.Pass,
        "FAIL" or "FAILED" => FindingStatus.Fail,
        "NOTAPPLICABLE" or "NOTINSCOPE" or "SKIPPED" or "IGNORED" or "INCONCLUSIVE" => FindingStatus.NotApplicable,
        _ => FindingStatus.Error,
    };

    private static string? Text(JsonElement e, params string[] names)
    {
        foreach (var property in e.EnumerateObject())
        {
            if (names.Contains(property.Name, StringComparer.OrdinalIgnoreCase) && property.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Null))
            {
                return property.Value.ToString();
            }
        }

        return null;
    }

    private static SortedDictionary<string, string> Facts(JsonElement e, string name, string alias, string? connectAddress, string? failure)
    {
        string[] names = [name, alias];
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (connectAddress is not null)
        {
            facts["connect_address"] = connectAddress;
        }

        if (failure is not null and not "None")
        {
            facts["failure"] = failure;
        }

        foreach (var property in e.EnumerateObject().Where(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object))
        {
            foreach (var fact in property.Value.EnumerateObject())
            {
                facts[fact.Name] = fact.Value.ToString();
            }
        }

        return facts;
    }
}
