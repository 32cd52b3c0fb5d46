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
