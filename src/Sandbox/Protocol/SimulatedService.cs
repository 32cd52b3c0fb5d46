using System.Text.Json.Nodes;

namespace Verification.Sandbox.Protocol;

/// <summary>One simulated AWS service: how it is addressed, signed and rendered, and the handler that answers it.</summary>
/// <param name="SigningName">The SigV4 service name and IAM action prefix (ELBv2 is "elasticloadbalancing").</param>
/// <param name="Namespace">The XML namespace (Query, EC2) or X-Amz-Target prefix (JSON).</param>
/// <param name="ItemNames">For Query, the element that wraps one item of each list member ("DBInstances" → "DBInstance"); "Action/Member" keys name a member whose items are named differently in one operation.</param>
/// <param name="ErrorMessageKey">"message" (ECS, Logs, KMS) or "Message" (Secrets Manager, Cloud Map).</param>
/// <param name="ErrorCodeKey">The JSON error body's code member: "__type", or "Code" for the REST-JSON services that say so (Backup, Security Hub).</param>
/// <param name="IsGlobal">Signed in us-east-1 whatever the stack's region (IAM).</param>
internal sealed record SimulatedService(
    string SigningName,
    WireProtocol Protocol,
    string Namespace,
    ServiceHandler Handler,
    IReadOnlyDictionary<string, string>? ItemNames = null,
    string ErrorMessageKey = "message",
    bool IsGlobal = false,
    string ErrorCodeKey = "__type")
{
    /// <summary>The element name of one item of list <paramref name="member"/> in <paramref name="action"/>'s answer ("Action/Member" entries win over "Member").</summary>
    public string ItemName(string action, string member) => Protocol switch
    {
        WireProtocol.Ec2 => "item",
        _ when ItemNames is null => "member",
        _ => ItemNames.TryGetValue($"{action}/{member}", out var item) || ItemNames.TryGetValue(member, out item)
            ? item
            : throw new InvalidOperationException($"{SigningName}: no item element name known for list {member}; add it to the service's table"),
    };

    /// <summary>The region a request must be signed for.</summary>
    public string SigningRegion(string stackRegion) => IsGlobal ? "us-east-1" : stackRegion;
}

/// <summary>Answers one service's operations from the scenario; members of the returned object are the output's members, in order.</summary>
internal abstract class ServiceHandler
{
    /// <summary>The operations this service answers.</summary>
    public abstract IReadOnlyCollection<string> Actions { get; }

    /// <summary>For REST-JSON: each operation's method and requestUri, as the service's model declares them.</summary>
    public virtual IReadOnlyList<RestRoute> Routes => [];

    /// <summary>The output of <see cref="ServiceRequest.Action"/>, or an <see cref="AwsError"/>.</summary>
    public abstract JsonObject Handle(ServiceRequest request);
}

/// <summary>A REST operation's address: <paramref name="Template"/> is the model's requestUri, its {labels} one path segment each.</summary>
internal sealed record RestRoute(string Method, string Template, string Action)
{
    /// <summary>The label values when <paramref name="method"/> and <paramref name="path"/> address this operation; null otherwise.</summary>
    public Dictionary<string, string>? Match(string method, string path)
    {
        var want = Template.Split('/');
        var got = path.Split('/');
        if (method != Method || want.Length != got.Length)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pattern, segment) in want.Zip(got))
        {
            if (pattern.StartsWith('{') && pattern.EndsWith('}') && segment.Length > 0)
            {
                labels[pattern[1..^1]] = Uri.UnescapeDataString(segment);
            }
            else if (pattern != segment)
            {
                return null;
            }
        }

        return labels;
    }
}
