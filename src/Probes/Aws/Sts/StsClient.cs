using Amazon.SecurityToken;
using Sdk = Amazon.SecurityToken.Model;
using Verification.Probes.Aws.Model;

namespace Verification.Probes.Aws.Sts;

/// <summary>A role session: its temporary credentials, the assumed-role ARN and when it expires (as STS said).</summary>
public sealed record AssumedRole(Amazon.Runtime.ImmutableCredentials Credentials, string? Arn, DateTimeOffset? Expiration);

/// <summary>Who the run is, and the roles it assumes, asked through the official AWSSDK.SecurityToken client.</summary>
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

    /// <summary>
    /// sts:AssumeRole into <paramref name="roleArn"/>: temporary credentials for that account, valid for
    /// <paramref name="durationSeconds"/>. The session name is recorded in the audited account's CloudTrail.
    /// </summary>
    public async Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, int durationSeconds, string? externalId, CancellationToken cancellationToken)
    {
        var request = new Sdk.AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName, DurationSeconds = durationSeconds, ExternalId = externalId };
        var response = await _calls.RunAsync("AssumeRole", token => _client.AssumeRoleAsync(request, token), cancellationToken).ConfigureAwait(false);
        if (response.Credentials is not { AccessKeyId.Length: > 0, SecretAccessKey.Length: > 0, SessionToken.Length: > 0 } credentials)
        {
            // An answer without a complete key is not a session: nothing signed with it would be this account's.
            throw new AwsServiceException(AwsService.Sts.EndpointPrefix, "AssumeRole", _calls.Region, "MalformedResponse", "AssumeRole answered without a complete Credentials element", null, response.ResponseMetadata?.RequestId);
        }

        return new AssumedRole(
            new Amazon.Runtime.ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            response.AssumedRoleUser?.Arn,
            credentials.Expiration is { } expiration ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc)) : null);
    }

    public void Dispose()
    {
        _client.Dispose();
        _calls.Dispose();
    }
}
