using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Verification.Probes.Connectivity;

/// <summary>What the certificate check concluded about the certificate one server presented.</summary>
public sealed record CertificateVerdict(
    string? ExpectedName,
    bool NameMatches,
    bool ChainValid,
    string ChainStatus,
    string Subject,
    string Issuer,
    DateTimeOffset NotAfter,
    string Thumbprint,
    bool IdentityVerified)
{
    /// <summary>Whether the name was compared at all (no expected name: the caller said it cannot be known).</summary>
    public bool NameChecked => ExpectedName is not null;

    /// <summary>The failure this verdict stands for, or None when the certificate is good.</summary>
    public ProbeFailure Failure =>
        !ChainValid ? ProbeFailure.CertificateChain
        : NameChecked && !NameMatches ? ProbeFailure.CertificateName
        : ProbeFailure.None;

    /// <summary>One clause describing a rejected certificate.</summary>
    public string Problem => Failure switch
    {
        ProbeFailure.CertificateChain => $"the certificate (subject {Subject}, issuer {Issuer}) does not chain to a trusted CA: {ChainStatus}",
        ProbeFailure.CertificateName => $"certificate name mismatch: the certificate (subject {Subject}) is not issued for {ExpectedName}",
        _ => "the certificate is valid",
    };

    /// <summary>Evidence entries for a probe result.</summary>
    public void AddTo(IDictionary<string, string> evidence)
    {
        evidence["certificate_subject"] = Subject;
        evidence["certificate_issuer"] = Issuer;
        evidence["certificate_not_after"] = NotAfter.ToString("O");
        evidence["certificate_sha256"] = Thumbprint;
        evidence["certificate_chain_valid"] = ChainValid ? "yes" : "no";
        evidence["certificate_name_checked"] = NameChecked ? $"yes, against {ExpectedName}" : "no";
        evidence["identity_verified"] = IdentityVerified ? "yes" : "no (SkipIdentityVerification or no name to check)";
    }
}

/// <summary>
/// Checks a server certificate the way VerifyFull does (chain to the trusted CAs, name equal to the endpoint's), but
/// against the endpoint's name rather than the address the socket opened, so a connect override cannot weaken it.
/// One instance per connection attempt; it keeps the verdict as evidence.
/// </summary>
public sealed class ServerCertificateValidator
{
    static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    readonly string? _expectedName;
    readonly X509Certificate2Collection? _trustedRoots;
    readonly bool _skipIdentityVerification;
    readonly TimeProvider _time;
    volatile CertificateVerdict? _verdict;

    /// <param name="expectedName">The name the certificate must carry; null when it cannot be known (the evidence then says so).</param>
    /// <param name="trustedRoots">CA certificates to trust instead of the system store; null for the system store.</param>
    public ServerCertificateValidator(string? expectedName, X509Certificate2Collection? trustedRoots, bool skipIdentityVerification, TimeProvider time)
    {
        _expectedName = expectedName;
        _trustedRoots = trustedRoots;
        _skipIdentityVerification = skipIdentityVerification;
        _time = time;
    }

    /// <summary>A validator for one endpoint name with the CA bundle and switches from the settings.</summary>
    public static ServerCertificateValidator For(string? expectedName, ProbeSettings settings, TimeProvider time) =>
        new(expectedName, LoadBundle(settings.CaBundlePath), settings.SkipIdentityVerification, time);

    /// <summary>Reads a PEM bundle (the RDS global bundle holds many CAs).</summary>
    public static X509Certificate2Collection? LoadBundle(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        if (!File.Exists(path))
            throw new FileNotFoundException($"CA bundle {path} does not exist.", path);

        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(path);
        return bundle.Count > 0 ? bundle : throw new InvalidDataException($"CA bundle {path} holds no certificate.");
    }

    /// <summary>The verdict on the last certificate seen, or null when no certificate arrived.</summary>
    public CertificateVerdict? Verdict => _verdict;

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>; the platform's own errors are ignored because they were computed against the connect address.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
            return false;

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var (chainValid, chainStatus) = BuildChain(leaf, chain);
        var nameMatches = _expectedName is not null && leaf.MatchesHostname(_expectedName);
        var verdict = new CertificateVerdict(
            _expectedName,
            nameMatches,
            chainValid,
            chainStatus,
            leaf.Subject,
            leaf.Issuer,
            new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            leaf.GetCertHashString(HashAlgorithmName.SHA256),
            IdentityVerified: !_skipIdentityVerification && chainValid && nameMatches);
        _verdict = verdict;
        return _skipIdentityVerification || verdict.Failure == ProbeFailure.None;
    }

    (bool Valid, string Status) BuildChain(X509Certificate2 leaf, X509Chain? presented)
    {
        using var build = new X509Chain();
        // Private CAs (the sandbox's, RDS's regional CAs) publish no revocation endpoint reachable from inside a VPC;
        // chain, validity period and purpose are checked, revocation is not.
        build.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        build.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        build.ChainPolicy.VerificationTimeIgnored = false;
        build.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (_trustedRoots is not null)
        {
            build.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            build.ChainPolicy.CustomTrustStore.AddRange(_trustedRoots);
        }

        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
                build.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        var valid = build.Build(leaf);
        var status = valid
            ? "ok"
            : string.Join("; ", build.ChainStatus.Select(s => $"{s.Status}: {s.StatusInformation.Trim()}").Distinct());
        return (valid, status);
    }
}
