using Amazon.SecurityToken;
using Sdk = Amazon.SecurityToken.Model;
using Verification.Probes.Aws.Model;

namespace Verification.Probes.Aws.Sts;

/// <summary>Who the run is, asked through the official AWSSDK.SecurityToken client.</summary>
public sealed class StsClient : IDisposable
{
    private readonly SdkCalls _calls;
    private readonly AmazonSecurityTokenServiceClient _client;

    public StsClient(AwsSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _calls = new SdkCalls(session, AwsService.Sts);
        _client = new AmazonSecurityTokenServiceClient(session.Credentials, _calls.Configure(new AmazonSecurityTokenServiceConfig()));
    }

    /// <summary>The account, ARN and user id of the credentials in use.</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
    {
        var response = await _calls.RunAsync("GetCallerIdentity", token => _client.GetCallerIdentityAsync(new Sdk.GetCallerIdentityRequest(), token), cancellationToken).ConfigureAwait(false);
        return new CallerIdentity { Account = response.Account ?? "", Arn = response.Arn ?? "", UserId = response.UserId };
    }

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }
}
