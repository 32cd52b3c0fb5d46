using Verification.Probes.Controls;
using Verification.Probes.Outputs;

namespace Verification.Probes.Connectivity.Checks;

/// <summary>What a data-path check is given: the stack's endpoints, the credentials fetched from Secrets Manager, and the probe settings.</summary>
public sealed record DataPathContext(StackOutputs Outputs, DataPathTargets Targets, DataPathCredentials Credentials, ConnectivitySettings Settings, TimeProvider Time);

/// <summary>
/// One live check of the stack's data path, with the same metadata as a control. A probe's own Pass is not trusted:
/// the check passes only when the proof it names is in the probe's evidence, fails on an observed violation, and is an
/// Error when the probe could not run (unreachable, timed out, threw) or its proof is missing.
/// </summary>
public abstract class DataPathCheck
{
    /// <summary>The id, which is the type name.</summary>
    public string Id => GetType().Name;

    /// <summary>The secure condition, stated as a fact.</summary>
    public abstract string Title { get; }

    public virtual Severity Severity => Severity.Critical;

    public abstract string Remediation { get; }

    /// <summary>45 CFR citations this check supports; empty means operational.</summary>
    public virtual IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];

    /// <summary>Runs the probe.</summary>
    protected abstract Task<ProbeResult> ProbeAsync(DataPathContext context, CancellationToken cancellationToken);

    /// <summary>Why the probe's Pass is not proven (a named fact missing from its evidence), or null when it is.</summary>
    protected virtual string? MissingProof(ProbeResult result) => null;

    /// <summary>Runs the probe and judges what it saw; never throws for a probe's failure.</summary>
    public async Task<DataPathFinding> RunAsync(DataPathContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ProbeResult result;
        try
        {
            result = await ProbeAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DataPathFinding(Id, FindingStatus.Error, "", "", $"Could not evaluate: the {Id} probe did not complete ({e.GetType().Name}: {Redaction.Scrub(e.Message, context.Credentials.Secrets)}).",
                new SortedDictionary<string, string>(StringComparer.Ordinal), context.Time.GetUtcNow());
        }

        return Judge(result);
    }

    /// <summary>The finding for a probe result: Pass only with proof; Unreachable and Inconclusive are Errors, other failures are Fails.</summary>
    public DataPathFinding Judge(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var evidence = new SortedDictionary<string, string>(result.Evidence.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal)
        {
            ["connect_address"] = result.ConnectAddress,
        };
        if (result.Failure != ProbeFailure.None)
        {
            evidence["failure"] = result.Failure.ToString();
        }

        var (status, message) = result.Outcome switch
        {
            ProbeOutcome.Pass when MissingProof(result) is { } missing => (FindingStatus.Error, $"Could not evaluate: the probe reported a pass without proof ({missing}). {result.Message}"),
            ProbeOutcome.Pass when result.Failure != ProbeFailure.None => (FindingStatus.Error, $"Could not evaluate: the probe reported a pass with a failure ({result.Failure}). {result.Message}"),
            ProbeOutcome.Pass => (FindingStatus.Pass, result.Message),
            ProbeOutcome.Fail when result.Failure is ProbeFailure.Unreachable or ProbeFailure.Inconclusive or ProbeFailure.None => (FindingStatus.Error, $"Could not evaluate: {result.Message}"),
            ProbeOutcome.Fail => (FindingStatus.Fail, result.Message),
            _ => (FindingStatus.Error, $"Could not evaluate: the probe reported an outcome this version does not know ({result.Outcome})."),
        };
        return new DataPathFinding(Id, status, result.Endpoint, result.ConnectAddress, message, evidence, result.ObservedAt);
    }

    /// <summary>Proof that a TLS session was verified: a modern protocol and a certificate checked against the endpoint's name.</summary>
    protected static string? MissingVerifiedTls(ProbeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Evidence.GetValueOrDefault("tls_version") is not ("TLSv1.2" or "TLSv1.3"))
        {
            return $"tls_version is {result.Evidence.GetValueOrDefault("tls_version") ?? "absent"}, expected TLSv1.2 or TLSv1.3";
        }

        if (result.Evidence.GetValueOrDefault("certificate_chain_valid") != "yes")
        {
            return "the certificate chain was not verified";
        }

        return result.Evidence.GetValueOrDefault("identity_verified") == "yes" ? null : "the certificate was not verified against the endpoint's name";
    }

    public override string ToString() => Id;
}

/// <summary>One data-path check's verdict on one endpoint, in the words of a control's finding.</summary>
/// <param name="Target">"name:port" as the stack outputs give it.</param>
/// <param name="ConnectAddress">Where the socket actually went.</param>
public sealed record DataPathFinding(
    string CheckId,
    FindingStatus Status,
    string Target,
    string ConnectAddress,
    string Message,
    SortedDictionary<string, string> Evidence,
    DateTimeOffset ObservedAt);
