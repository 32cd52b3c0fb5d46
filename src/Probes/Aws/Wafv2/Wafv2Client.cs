using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Wafv2;

/// <summary>AWS WAFV2 questions over JSON 1.1 (PascalCase wire names).</summary>
public sealed class Wafv2Client(AwsTransport transport)
{
    private readonly JsonClient _json = new(transport, AwsService.Wafv2);

    /// <summary>The web ACL associated with <paramref name="resourceArn"/> (an ALB), or null when none is.</summary>
    public async Task<WebACL?> GetWebACLForResourceAsync(string resourceArn, CancellationToken cancellationToken)
    {
        // No association is a 200 without WebACL; WAFNonexistentItemException means the resource itself is unknown to WAF.
        var answer = await _json.CallAsync("GetWebACLForResource", new JsonObject { ["ResourceArn"] = resourceArn }, cancellationToken).ConfigureAwait(false);
        return _json.Read("GetWebACLForResource", () => answer.Member("WebACL") is { } acl
            ? new WebACL { Name = acl.Text("Name") ?? "", Id = acl.Text("Id"), ARN = acl.Text("ARN") ?? throw new FormatException("the WebACL has no ARN") }
            : null);
    }

    /// <summary>The logging configuration of the web ACL <paramref name="webAclArn"/>, or null when it has none.</summary>
    public async Task<LoggingConfiguration?> GetLoggingConfigurationAsync(string webAclArn, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _json.CallAsync("GetLoggingConfiguration", new JsonObject { ["ResourceArn"] = webAclArn }, cancellationToken).ConfigureAwait(false);
            return _json.Read("GetLoggingConfiguration", () => answer.Member("LoggingConfiguration") is { } logging
                ? new LoggingConfiguration { ResourceArn = logging.Text("ResourceArn"), LogDestinationConfigs = logging.Strings("LogDestinationConfigs") }
                : throw new FormatException("the answer has no LoggingConfiguration"));
        }
        catch (AwsServiceException e) when (e.ErrorCode == "WAFNonexistentItemException")
        {
            // WAF's answer for a web ACL without logging.
            return null;
        }
    }
}
