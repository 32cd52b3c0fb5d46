using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Sts;

/// <summary>STS GetCallerIdentity over the Query protocol, so the identity check shares the session's transport, retry and call log.</summary>
public sealed class StsClient(AwsTransport transport)
{
    private readonly QueryClient _query = new(transport, AwsService.Sts);

    /// <summary>The account, ARN and user id the session's credentials belong to.</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var result = await _query.CallAsync("GetCallerIdentity", [], cancellationToken).ConfigureAwait(false);
        return new CallerIdentity
        {
            Account = result.Text("Account") ?? "",
            Arn = result.Text("Arn") ?? "",
            UserId = result.Text("UserId"),
        };
    }
}
