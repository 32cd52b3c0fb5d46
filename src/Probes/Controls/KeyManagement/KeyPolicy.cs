using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.KeyManagement;

/// <summary>One condition entry of a statement: operator, key and the values it compares against.</summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>One statement of a key policy, with Principal, Action and Condition normalised from their string-or-array forms.</summary>
public sealed record PolicyStatement(
    string? Sid,
    bool IsAllow,
    bool AnyPrincipal,
    IReadOnlyList<string> AwsPrincipals,
    IReadOnlyList<string> ServicePrincipals,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> NotActions,
    IReadOnlyList<PolicyCondition> Conditions)
{
    /// <summary>The statement's Resource patterns (empty when it names none).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>How the statement is named in messages: its Sid, else its position.</summary>
    public string Name { get; init; } = Sid ?? "(no Sid)";

    /// <summary>True when the statement's Action (or NotAction) covers <paramref name="action"/>, wildcards included.</summary>
    public bool Covers(string action) =>
        NotActions.Count > 0
            ? !NotActions.Any(a => KeyPolicy.Like(a, action, ignoreCase: true))
            : Actions.Any(a => KeyPolicy.Like(a, action, ignoreCase: true));

    /// <summary>The condition entries on <paramref name="key"/> (IAM compares condition keys case-insensitively).</summary>
    public IEnumerable<PolicyCondition> On(string key) => Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A KMS key policy parsed once for every key-policy control. KMS hands the document back as a JSON string; Principal,
/// Action, Resource and each condition value may be a string or an array, and "*" as a principal means everyone.
/// </summary>
public sealed class KeyPolicy
{
    private KeyPolicy(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The Allow statements.</summary>
    public IEnumerable<PolicyStatement> Allows => Statements.Where(s => s.IsAllow);

    /// <summary>The stack key's policy from the snapshot, or why there is none (a failed call, or a document that is not a policy).</summary>
    public static Fetched<KeyPolicy> Of(StackSnapshot snapshot)
    {
        if (snapshot.KeyPolicy.Error is { } error)
        {
            return Fetched<KeyPolicy>.Failed(error);
        }

        try
        {
            return Fetched<KeyPolicy>.Of(Parse(snapshot.KeyPolicy.Value ?? ""));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Fetched<KeyPolicy>.Failed(new CollectionError("kms:GetKeyPolicy", "MalformedPolicy", $"the key policy of {snapshot.Outputs.KmsKeyArn} is not a policy document ({e.Message})", snapshot.Region));
        }
    }

    /// <summary>The parsed policy as a control's fact: a failed call or a document that is not a policy stops the control.</summary>
    public static Controls.Fact Fact(StackSnapshot snapshot) => Controls.Fact.Of(Of(snapshot), "KeyPolicy");

    /// <summary>Parses a policy document; throws FormatException or JsonException when it is not one.</summary>
    public static KeyPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Statement", out var statement))
        {
            throw new FormatException("no Statement");
        }

        var elements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return new KeyPolicy([.. elements.Select((s, i) => ParseStatement(s, i))]);
    }

    /// <summary>IAM wildcard matching: * any run of characters, ? one character.</summary>
    public static bool Like(string pattern, string value, bool ignoreCase = false) => Wildcard.Matches(pattern, value, ignoreCase);

    private static PolicyStatement ParseStatement(JsonElement s, int index)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"statement {index + 1} is not an object");
        }

        var sid = s.TryGetProperty("Sid", out var sidElement) && sidElement.ValueKind == JsonValueKind.String ? sidElement.GetString() : null;
        var allow = s.TryGetProperty("Effect", out var effect) && effect.ValueKind == JsonValueKind.String && effect.GetString() == "Allow";
        var any = false;
        List<string> aws = [], service = [];
        if (s.TryGetProperty("Principal", out var principal))
        {
            if (principal.ValueKind == JsonValueKind.String)
            {
                any = principal.GetString() == "*";
            }
            else if (principal.ValueKind == JsonValueKind.Object)
            {
                aws = principal.TryGetProperty("AWS", out var a) ? Strings(a) : [];
                service = principal.TryGetProperty("Service", out var sv) ? Strings(sv) : [];
                any = aws.Contains("*");
            }
        }

        var conditions = new List<PolicyCondition>();
        if (s.TryGetProperty("Condition", out var condition) && condition.ValueKind == JsonValueKind.Object)
        {
            foreach (var op in condition.EnumerateObject())
            {
                if (op.Value.ValueKind == JsonValueKind.Object)
                {
                    conditions.AddRange(op.Value.EnumerateObject().Select(k => new PolicyCondition(op.Name, k.Name, Strings(k.Value))));
                }
            }
        }

        return new PolicyStatement(sid, allow, any, aws, service,
            s.TryGetProperty("Action", out var action) ? Strings(action) : [],
            s.TryGetProperty("NotAction", out var notAction) ? Strings(notAction) : [],
            conditions)
        {
            Name = sid is { Length: > 0 } ? $"\"{sid}\"" : $"statement {index + 1}",
            Resources = s.TryGetProperty("Resource", out var resource) ? Strings(resource) : [],
        };
    }

    private static List<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => [.. e.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText())],
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Number => [e.GetRawText()],
        _ => [],
    };
}
