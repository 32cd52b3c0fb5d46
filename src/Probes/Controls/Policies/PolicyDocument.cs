using System.Text.Json;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Policies;

/// <summary>One condition entry of a statement: operator, key and the values it compares against.</summary>
public sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values)
{
    // Operators that hold only when the request's key equals or matches a listed value. Not* operators hold for
    // everything else, …IfExists and ForAllValues: hold when the key is absent (a direct call carries no
    // aws:SourceAccount, kms:ViaService, ...), Null tests presence only: none of them narrows who may call.
    private static readonly string[] Narrowing = ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "ForAnyValue:StringEquals", "ForAnyValue:StringLike"];

    // Keys whose values are ARNs: a wildcard account (arn:aws:iam::*:role/x) lets every account's principal match.
    private static readonly string[] ArnKeys = ["aws:PrincipalArn", "aws:SourceArn"];

    /// <summary>
    /// True when the condition can only hold for the values it lists: a narrowing operator, at least one value, no
    /// value that is all wildcards, and for ARN keys no wildcard account.
    /// </summary>
    public bool Narrows =>
        Narrowing.Contains(Operator, StringComparer.OrdinalIgnoreCase)
        && Values.Count > 0
        && Values.All(v => v.Trim('*', '?').Length > 0)
        && (!ArnKeys.Contains(Key, StringComparer.OrdinalIgnoreCase) || Values.All(v => Wildcard.AccountOf(v) is { Length: > 0 } account && !account.Contains('*', StringComparison.Ordinal) && !account.Contains('?', StringComparison.Ordinal)));
}

/// <summary>
/// One statement of a policy, with Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition
/// normalised from their string-or-array forms.
/// </summary>
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
    // Keys that narrow WHO calls (the caller's account, organisation or ARN; the calling resource or service; the
    // network path). aws:SecureTransport, aws:CurrentTime, aws:SourceIp ... narrow how or when, not who.
    private static readonly string[] CallerKeys =
    [
        "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn",
        "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceVpc", "aws:SourceVpce",
        "kms:CallerAccount", "kms:ViaService",
    ];

    /// <summary>The statement's Resource patterns (empty when it names none).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The statement's NotResource patterns (empty when it names none).</summary>
    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>True when the statement has a NotPrincipal: it applies to everyone except the principals named.</summary>
    public bool HasNotPrincipal { get; init; }

    /// <summary>How the statement is named in messages: its Sid, else its position.</summary>
    public string Name { get; init; } = Sid ?? "(no Sid)";

    /// <summary>
    /// True when the statement applies to every principal: Principal "*", an AWS principal with a wildcard, or
    /// NotPrincipal (everyone except a few is as open as everyone).
    /// </summary>
    public bool EveryPrincipal => AnyPrincipal || HasNotPrincipal;

    /// <summary>True when the statement's Action (or NotAction) covers <paramref name="action"/>, wildcards included.</summary>
    public bool Covers(string action) =>
        NotActions.Count > 0
            ? !NotActions.Any(a => Wildcard.Matches(a, action, ignoreCase: true))
            : Actions.Any(a => Wildcard.Matches(a, action, ignoreCase: true));

    /// <summary>True when the statement's Action names every action of <paramref name="service"/> ("*" or "service:*"); a NotAction never does.</summary>
    public bool CoversEveryActionOf(string service) =>
        NotActions.Count == 0 && Actions.Any(a => a == "*" || string.Equals(a, $"{service}:*", StringComparison.OrdinalIgnoreCase));

    /// <summary>The actions as one readable phrase: the list, or "every action except …" for NotAction.</summary>
    public string ActionPhrase => NotActions.Count > 0 ? $"every action except {string.Join(" ", NotActions)}" : string.Join(" ", Actions);

    /// <summary>The condition entries on <paramref name="key"/> (IAM compares condition keys case-insensitively).</summary>
    public IEnumerable<PolicyCondition> On(string key) => Conditions.Where(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The conditions that narrow who may call: a caller key (<see cref="CallerKeys"/>) with a narrowing operator.</summary>
    public IEnumerable<PolicyCondition> CallerNarrowing => Conditions.Where(c => CallerKeys.Contains(c.Key, StringComparer.OrdinalIgnoreCase) && c.Narrows);
}

/// <summary>
/// An IAM policy document (a KMS key policy, an S3 bucket policy) parsed once for every control that reads it. The
/// document arrives as a JSON string; Principal, Action, Resource and each condition value may be a string or an
/// array, and "*" as a principal means everyone.
/// </summary>
public sealed class PolicyDocument
{
    private PolicyDocument(IReadOnlyList<PolicyStatement> statements) => Statements = statements;

    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>The Allow statements.</summary>
    public IEnumerable<PolicyStatement> Allows => Statements.Where(s => s.IsAllow);

    /// <summary>The Deny statements.</summary>
    public IEnumerable<PolicyStatement> Denies => Statements.Where(s => !s.IsAllow);

    /// <summary>The stack key's policy from the snapshot, or why there is none (a failed call, or a document that is not a policy).</summary>
    public static Fetched<PolicyDocument> OfKey(StackSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.KeyPolicy.Error is { } error)
        {
            return Fetched<PolicyDocument>.Failed(error);
        }

        try
        {
            return Fetched<PolicyDocument>.Of(Parse(snapshot.KeyPolicy.Value ?? ""));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Fetched<PolicyDocument>.Failed(new CollectionError("kms:GetKeyPolicy", "MalformedPolicy", $"the key policy of {snapshot.Outputs.KmsKeyArn} is not a policy document ({e.Message})", snapshot.Region));
        }
    }

    /// <summary>The parsed key policy as a control's fact: a failed call or a document that is not a policy stops the control.</summary>
    public static Fact KeyFact(StackSnapshot snapshot) => Fact.Of(OfKey(snapshot), "KeyPolicy");

    /// <summary>Parses a policy document; throws FormatException or JsonException when it is not one.</summary>
    public static PolicyDocument Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("Statement", out var statement))
        {
            throw new FormatException("no Statement");
        }

        var elements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        return new PolicyDocument([.. elements.Select((s, i) => ParseStatement(s, i))]);
    }

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

                // A wildcard anywhere in an AWS principal (only "*" is valid, but a partial one would be read as broad) or a federated "*".
                any = aws.Any(p => p.Contains('*', StringComparison.Ordinal))
                    || (principal.TryGetProperty("Federated", out var f) && Strings(f).Contains("*"))
                    || (principal.TryGetProperty("CanonicalUser", out var c) && Strings(c).Contains("*"));
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
                else
                {
                    // A condition we cannot read still restricts the statement in AWS's eyes; keep it, with no values, so nothing reads it as narrowing.
                    conditions.Add(new PolicyCondition(op.Name, "", []));
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
            NotResources = s.TryGetProperty("NotResource", out var notResource) ? Strings(notResource) : [],
            HasNotPrincipal = s.TryGetProperty("NotPrincipal", out _),
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
