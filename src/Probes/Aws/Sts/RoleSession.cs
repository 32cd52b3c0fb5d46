using Amazon.Runtime;

namespace Verification.Probes.Aws.Sts;

/// <summary>
/// One role's session in an audited account: the first sts:AssumeRole's credentials, renewed the same way shortly
/// before they expire, so an account whose collection outlasts RoleSessionSeconds (throttling, a large account) is not
/// cut off mid-run with ExpiredToken.
/// </summary>
public sealed class RoleSession : RefreshingAWSCredentials
{
    private readonly Func<CancellationToken, Task<AssumedRole>> _assume;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;

    private RoleSession(AssumedRole first, Func<CancellationToken, Task<AssumedRole>> assume, TimeSpan duration, TimeProvider time)
    {
        _assume = assume;
        _duration = duration;
        _time = time;
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
        currentState = State(first);
    }

    /// <summary>Assumes the role once (its failure is the caller's to report) and returns the session that renews it.</summary>
    /// <exception cref="AwsServiceException">STS refused the role or did not answer.</exception>
    public static async Task<RoleSession> StartAsync(Func<CancellationToken, Task<AssumedRole>> assume, TimeSpan duration, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assume);
        ArgumentNullException.ThrowIfNull(time);
        return new RoleSession(await assume(cancellationToken).ConfigureAwait(false), assume, duration, time);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => State(await _assume(CancellationToken.None).ConfigureAwait(false));

    // STS always sends Expiration; without it the session is taken to last what was asked for, counted from now.
    private CredentialsRefreshState State(AssumedRole role) =>
        new(role.Credentials, (role.Expiration ?? _time.GetUtcNow() + _duration).UtcDateTime);
}
