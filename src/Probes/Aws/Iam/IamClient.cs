using System.Globalization;
using System.Xml.Linq;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Iam;

/// <summary>The IAM questions the collector asks, over the Query protocol against the global endpoint (signed in us-east-1).</summary>
public sealed class IamClient(AwsTransport transport)
{
    private readonly QueryClient _query = new(transport, AwsService.Iam);

    /// <summary>The role <paramref name="roleName"/>, with its trust policy URL-decoded.</summary>
    public async Task<Role> GetRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetRole", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        var role = result.Child("Role")
            ?? throw new AwsServiceException(AwsService.Iam.EndpointPrefix, "GetRole", _query.Region, "MalformedResponse", $"the answer for role {roleName} carries no Role element", 200, null);
        return ParseRole(role);
    }

    /// <summary>
    /// Asks IAM whether <paramref name="policySourceArn"/> may perform each of <paramref name="actionNames"/> on <paramref name="resourceArns"/>
    /// (every resource when the list is empty), following Marker while IsTruncated is true.
    /// </summary>
    public async Task<List<EvaluationResult>> SimulatePrincipalPolicyAsync(
        string policySourceArn,
        IReadOnlyList<string> actionNames,
        IReadOnlyList<string> resourceArns,
        CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> parameters = [new("PolicySourceArn", policySourceArn)];
        parameters.AddRange(Members("ActionNames", actionNames));
        parameters.AddRange(Members("ResourceArns", resourceArns));

        var pages = await Paging.AllAsync(
            "iam",
            "SimulatePrincipalPolicy",
            _query.Region,
            (marker, ct) => _query.CallAsync("SimulatePrincipalPolicy", marker is null ? parameters : [.. parameters, new("Marker", marker)], ct),
            // IAM's contract is IsTruncated; a Marker on a final page means nothing, and a truncated page without one cannot be continued.
            page => page.Bool("IsTruncated") == true
                ? page.Text("Marker") is { Length: > 0 } marker ? marker : throw Paging.Malformed("iam", "SimulatePrincipalPolicy", _query.Region, "a page says IsTruncated but carries no Marker")
                : null,
            _query.Time,
            cancellationToken).ConfigureAwait(false);
        return [.. pages.SelectMany(page => page.Items("EvaluationResults", "member").Select(ParseEvaluationResult))];
    }

    /// <summary>The managed policies attached to role <paramref name="roleName"/>, following Marker.</summary>
    public async Task<List<AttachedPolicy>> ListAttachedRolePoliciesAsync(string roleName, CancellationToken cancellationToken)
    {
        var pages = await PagesAsync("ListAttachedRolePolicies", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        return [.. pages.SelectMany(page => page.Items("AttachedPolicies", "member").Select(p => new AttachedPolicy { PolicyName = p.Text("PolicyName"), PolicyArn = p.Text("PolicyArn") ?? "" }))];
    }

    /// <summary>The names of role <paramref name="roleName"/>'s inline policies, following Marker.</summary>
    public async Task<List<string>> ListRolePoliciesAsync(string roleName, CancellationToken cancellationToken)
    {
        var pages = await PagesAsync("ListRolePolicies", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        return [.. pages.SelectMany(page => page.Strings("PolicyNames", "member"))];
    }

    /// <summary>The document of inline policy <paramref name="policyName"/> of role <paramref name="roleName"/>, URL-decoded.</summary>
    public async Task<string> GetRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetRolePolicy", [new("RoleName", roleName), new("PolicyName", policyName)], cancellationToken).ConfigureAwait(false);
        return Decoded(result.Text("PolicyDocument")) ?? throw Malformed("GetRolePolicy", $"the answer for {roleName}/{policyName} carries no PolicyDocument");
    }

    /// <summary>The managed policy <paramref name="policyArn"/> (its default version id).</summary>
    public async Task<ManagedPolicy> GetPolicyAsync(string policyArn, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetPolicy", [new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false);
        var policy = result.Child("Policy") ?? throw Malformed("GetPolicy", $"the answer for {policyArn} carries no Policy element");
        return new ManagedPolicy { PolicyName = policy.Text("PolicyName"), Arn = policy.Text("Arn") ?? policyArn, DefaultVersionId = policy.Text("DefaultVersionId") };
    }

    /// <summary>Version <paramref name="versionId"/> of managed policy <paramref name="policyArn"/>, its document URL-decoded.</summary>
    public async Task<PolicyVersion> GetPolicyVersionAsync(string policyArn, string versionId, CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetPolicyVersion", [new("PolicyArn", policyArn), new("VersionId", versionId)], cancellationToken).ConfigureAwait(false);
        var version = result.Child("PolicyVersion") ?? throw Malformed("GetPolicyVersion", $"the answer for {policyArn} {versionId} carries no PolicyVersion element");
        return new PolicyVersion
        {
            VersionId = version.Text("VersionId"),
            IsDefaultVersion = version.Bool("IsDefaultVersion"),
            Document = Decoded(version.Text("Document")) ?? throw Malformed("GetPolicyVersion", $"{policyArn} {versionId} carries no Document"),
        };
    }

    // IAM's list contract is IsTruncated; a Marker on a final page means nothing, and a truncated page without one cannot be continued.
    private Task<List<XElement>> PagesAsync(string operation, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken) =>
        Paging.AllAsync(
            "iam",
            operation,
            _query.Region,
            (marker, ct) => _query.CallAsync(operation, marker is null ? parameters : [.. parameters, new("Marker", marker)], ct),
            page => page.Bool("IsTruncated") == true
                ? page.Text("Marker") is { Length: > 0 } marker ? marker : throw Paging.Malformed("iam", operation, _query.Region, "a page says IsTruncated but carries no Marker")
                : null,
            _query.Time,
            cancellationToken);

    private AwsServiceException Malformed(string operation, string message) =>
        new(AwsService.Iam.EndpointPrefix, operation, _query.Region, "MalformedResponse", message, 200, null);

    // IAM sends policy documents URL-encoded (RFC 3986, so '+' is literal and needs no special case).
    private static string? Decoded(string? document) => document is null ? null : Uri.UnescapeDataString(document);

    internal static Role ParseRole(XElement e) => new()
    {
        RoleName = e.Text("RoleName") ?? "",
        RoleId = e.Text("RoleId"),
        Arn = e.Text("Arn") ?? "",
        Path = e.Text("Path"),

        // IAM sends policy documents URL-encoded (RFC 3986, so '+' is literal and needs no special case).
        AssumeRolePolicyDocument = e.Text("AssumeRolePolicyDocument") is { } document ? Uri.UnescapeDataString(document) : null,
    };

    internal static EvaluationResult ParseEvaluationResult(XElement e) => new()
    {
        EvalActionName = e.Text("EvalActionName") ?? "",
        EvalResourceName = e.Text("EvalResourceName"),
        EvalDecision = e.Text("EvalDecision") ?? "",
    };

    private static IEnumerable<KeyValuePair<string, string>> Members(string listName, IReadOnlyList<string> values) =>
        values.Select((value, index) => new KeyValuePair<string, string>(
            string.Create(CultureInfo.InvariantCulture, $"{listName}.member.{index + 1}"), value));
}
