using Amazon.Runtime;
using NUnit.Framework;
using Verification.Probes.Aws.Sts;

namespace Verification.Probes.Tests.Accounts;

/// <summary>A role session keeps its credentials while they are fresh and assumes the role again before they expire.</summary>
public sealed class RoleSessionTests
{
    private static AssumedRole Role(string key, DateTimeOffset? expiration) =>
        new(new ImmutableCredentials(key, "secret-" + key, "token-" + key), $"arn:aws:sts::111111111111:assumed-role/verification-audit/{key}", expiration);

    [Test]
    public async Task Fresh_credentials_are_used_as_they_are()
    {
        var calls = 0;
        var session = await RoleSession.StartAsync(_ => Task.FromResult(Role($"ASIAFIRST{++calls:0000000}", DateTimeOffset.UtcNow.AddHours(1))), TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);

        var credentials = await session.GetCredentialsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(credentials.AccessKey, Is.EqualTo("ASIAFIRST0000001"));
            Assert.That(credentials.Token, Is.EqualTo("token-ASIAFIRST0000001"));
            Assert.That(calls, Is.EqualTo(1), "no second AssumeRole while the first session is fresh");
        }
    }

    [Test]
    public async Task Expired_credentials_are_renewed_before_the_next_signature()
    {
        var calls = 0;
        var session = await RoleSession.StartAsync(
            _ => Task.FromResult(++calls == 1 ? Role("ASIAFIRST0000001", DateTimeOffset.UtcNow.AddMinutes(-1)) : Role("ASIARENEWED000002", DateTimeOffset.UtcNow.AddHours(1))),
            TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);

        var credentials = await session.GetCredentialsAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(credentials.AccessKey, Is.EqualTo("ASIARENEWED000002"));
            Assert.That(calls, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task Credentials_about_to_expire_are_renewed_in_the_background()
    {
        var calls = 0;
        // One minute left, inside the five-minute window: the current key still signs while the next is fetched.
        var session = await RoleSession.StartAsync(
            _ => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? Role("ASIAFIRST0000001", DateTimeOffset.UtcNow.AddMinutes(1)) : Role("ASIARENEWED000002", DateTimeOffset.UtcNow.AddHours(1))),
            TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None);

        var keys = new List<string>();
        for (var i = 0; i < 50 && !keys.Contains("ASIARENEWED000002"); i++)
        {
            keys.Add((await session.GetCredentialsAsync()).AccessKey);
            await Task.Delay(20);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys[0], Is.EqualTo("ASIAFIRST0000001"), "still valid: used while the renewal runs");
            Assert.That(keys, Does.Contain("ASIARENEWED000002"));
            Assert.That(calls, Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_refused_first_assume_role_is_the_callers_error_not_a_session()
    {
        var error = await Assert.ThrowsAsync<Verification.Probes.Aws.AwsServiceException>(() => RoleSession.StartAsync(
            _ => throw new Verification.Probes.Aws.AwsServiceException("sts", "AssumeRole", "us-east-1", "AccessDenied", "not authorized", 403, "req-1"),
            TimeSpan.FromHours(1), TimeProvider.System, CancellationToken.None));

        Assert.That(error!.ErrorCode, Is.EqualTo("AccessDenied"));
    }
}
