using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.SecurityHub;

/// <summary>Security Hub questions over REST-JSON.</summary>
public sealed class SecurityHubClient(AwsTransport transport)
{
    private static readonly RestOperation DescribeHub = new("DescribeHub", "GET", "/accounts");

    private readonly RestJsonClient _rest = new(transport, AwsService.SecurityHub);

    /// <summary>The account's hub in this region; null when the account is not subscribed (InvalidAccessException), which is an answer, not a failure.</summary>
    /// <remarks>AccessDeniedException (the caller may not ask) still throws: it says nothing about the hub.</remarks>
    public async Task<Hub?> DescribeHubAsync(CancellationToken cancellationToken)
    {
        try
        {
            var answer = await _rest.CallAsync(DescribeHub, null, null, null, cancellationToken).ConfigureAwait(false);
            return _rest.Read(DescribeHub, () => new Hub
            {
                HubArn = answer.Text("HubArn") ?? throw new FormatException("DescribeHub answered without HubArn"),
                SubscribedAt = answer.Text("SubscribedAt"),
                AutoEnableControls = answer.Bool("AutoEnableControls"),
            });
        }
        catch (AwsServiceException e) when (e.ErrorCode == "InvalidAccessException")
        {
            return null;
        }
    }
}
