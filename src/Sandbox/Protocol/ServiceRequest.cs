using System.Globalization;
using System.Text.Json.Nodes;

namespace Verification.Sandbox.Protocol;

/// <summary>One authenticated call as a handler sees it: the action, its parameters and the scenario to answer from.</summary>
internal sealed class ServiceRequest(string action, Scenario scenario, IReadOnlyDictionary<string, string> form, JsonObject body, DateTimeOffset? signedAt = null, Caller? caller = null, Callers? callers = null)
{
    public string Action { get; } = action;

    /// <summary>Who signed the request; null only where a request is built without a server (tests of a handler alone).</summary>
    public Caller? Caller { get; } = caller;

    /// <summary>The callers the server accepts, for sts:AssumeRole to look accounts up and issue sessions.</summary>
    public Callers? Callers { get; } = callers;

    /// <summary>When the caller signed the request (X-Amz-Date): the sandbox's "now" for answers that depend on time, never the machine's clock.</summary>
    public DateTimeOffset? SignedAt { get; } = signedAt;

    public Scenario Scenario { get; } = scenario;

    /// <summary>The JSON 1.1 request body ({} for Query).</summary>
    public JsonObject Body { get; } = body;

    /// <summary>A Query parameter, or null.</summary>
    public string? Param(string name) => form.TryGetValue(name, out var value) ? value : null;

    /// <summary>A Query parameter that must be present, as AWS insists.</summary>
    public string Required(string name) =>
        Param(name) ?? throw new AwsError("MissingParameter", $"The request must contain the parameter {name}");

    /// <summary>A numbered Query list ("VpcId" reads VpcId.1, VpcId.2, ...; "ActionNames.member" reads ActionNames.member.1, ...).</summary>
    public IReadOnlyList<string> List(string prefix)
    {
        var values = new List<string>();
        for (var i = 1; form.TryGetValue($"{prefix}.{i}", out var value); i++)
        {
            values.Add(value);
        }

        return values;
    }

    /// <summary>Query filters: EC2 Filter.N.Name/Filter.N.Value.M (prefix "Filter", "Value"), RDS Filters.Filter.N.Name/...Values.Value.M.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Filters(string prefix = "Filter", string valuePrefix = "Value")
    {
        var filters = new List<(string, IReadOnlyList<string>)>();
        for (var i = 1; form.TryGetValue($"{prefix}.{i}.Name", out var name); i++)
        {
            filters.Add((name, List($"{prefix}.{i}.{valuePrefix}")));
        }

        return filters;
    }

    /// <summary>A Query integer parameter ("MaxRecords"), or null.</summary>
    public int? IntParam(string name) =>
        Param(name) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A JSON string member, or null.</summary>
    public string? Str(string name) => Body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A JSON string member that must be present.</summary>
    public string RequiredStr(string name, string code = "InvalidParameterException") =>
        Str(name) ?? throw new AwsError(code, $"{name} is required.");

    /// <summary>A JSON integer member, or null.</summary>
    public int? Int(string name) => Body[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    /// <summary>A JSON string-array member (empty when absent).</summary>
    public IReadOnlyList<string> Strs(string name) =>
        (Body[name] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
}
