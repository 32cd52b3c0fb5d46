using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace Verification.Sandbox.Protocol;

/// <summary>Who signed a request: the account it acts in (whose stack answers), its ARN, and the key pair it signs with.</summary>
/// <param name="Principals">What a role trust must name to let this caller assume the role (its role ARN, its account root).</param>
/// <param name="SessionToken">The X-Amz-Security-Token every request must carry; null for the long-term base key.</param>
/// <param name="Expiration">When temporary credentials stop working; null for the base key.</param>
internal sealed record Caller(
    Scenario Scenario,
    string Arn,
    string UserId,
    ImmutableCredentials Credentials,
    IReadOnlyList<string> Principals,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    /// <summary>The account id every ARN this caller may touch carries.</summary>
    public string Account => Scenario.Account;

    /// <summary>Temporary credentials issued by sts:AssumeRole, as opposed to the base key.</summary>
    public bool IsSession => SessionToken is not null;
}

/// <summary>The callers one server accepts: the base key pair, and every session its sts:AssumeRole has issued.</summary>
internal sealed class Callers
{
    private readonly ConcurrentDictionary<string, Caller> _sessions = new(StringComparer.Ordinal);
    private int _issued;

    /// <summary>One scenario, one account: the base key acts in it, as the sandbox always has.</summary>
    public Callers(Scenario scenario)
    {
        // The identity the sandbox's access-denied messages have always named for the base key.
        Base = new Caller(scenario, $"arn:aws:iam::{scenario.Account}:user/verification", "AIDASANDBOXVERIFIER01", SandboxCredentials.Immutable, []);
    }

    /// <summary>An organisation: the base key is the home account's CI session; members are reached by assuming their roles.</summary>
    public Callers(SandboxOrganisation organisation)
    {
        Organisation = organisation;
        Base = new Caller(
            organisation.Home,
            SandboxOrganisation.HomeCallerArn,
            SandboxOrganisation.HomeUserId,
            SandboxCredentials.Immutable,
            [SandboxOrganisation.HomePrincipal, $"arn:aws:iam::{SandboxOrganisation.HomeAccount}:root", SandboxOrganisation.HomeAccount]);
    }

    /// <summary>The accounts and their stacks, or null when the server serves one scenario.</summary>
    public SandboxOrganisation? Organisation { get; }

    /// <summary>The caller the sandbox key pair signs as.</summary>
    public Caller Base { get; }

    /// <summary>The caller <paramref name="accessKeyId"/> belongs to, when <paramref name="sessionToken"/> is the one issued with it; otherwise null.</summary>
    public Caller? Find(string? accessKeyId, string? sessionToken)
    {
        if (accessKeyId == Base.Credentials.AccessKey)
        {
            return Base;
        }

        return accessKeyId is not null && _sessions.TryGetValue(accessKeyId, out var session)
            && sessionToken is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sessionToken), Encoding.UTF8.GetBytes(session.SessionToken!))
            ? session
            : null;
    }

    /// <summary>New temporary credentials for session <paramref name="sessionName"/> of role <paramref name="roleArn"/> in <paramref name="account"/>.</summary>
    public Caller Issue(Scenario account, string roleArn, string roleName, string sessionName, DateTimeOffset signedAt, DateTimeOffset expiration)
    {
        // A counter, not randomness: each key is unique for the server's life and a run replays the same keys.
        var number = Interlocked.Increment(ref _issued);
        var accessKeyId = string.Create(CultureInfo.InvariantCulture, $"ASIASANDBOX{number:D9}");
        var seed = string.Create(CultureInfo.InvariantCulture, $"{accessKeyId}|{roleArn}|{sessionName}|{signedAt:O}");
        var secret = Digest("secret|" + seed)[..40];
        var token = "IQoJb3JpZ2luX2VjE" + Digest("token|" + seed) + Digest("token2|" + seed);
        var arn = $"arn:aws:sts::{account.Account}:assumed-role/{roleName}/{sessionName}";
        var session = new Caller(
            account,
            arn,
            $"{SandboxOrganisation.RoleIdOf(roleArn)}:{sessionName}",
            new ImmutableCredentials(accessKeyId, secret, token),
            [roleArn, arn, $"arn:aws:iam::{account.Account}:root", account.Account],
            token,
            expiration);
        _sessions[accessKeyId] = session;
        return session;
    }

    private static string Digest(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
