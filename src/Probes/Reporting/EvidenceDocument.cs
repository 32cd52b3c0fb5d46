using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>evidence.json: everything an auditor needs to know what was checked, when, by whom, against what, and the verdicts.</summary>
public sealed record EvidenceDocument
{
    public string SchemaVersion { get; init; } = "1";
    public ToolInfo Tool { get; init; } = new();
    public RunInfo Run { get; init; } = new();

    /// <summary>Every setting that differs from the shipped defaults (loosened thresholds, FailOn, waivers, insecure endpoints): shown first in every report.</summary>
    public List<PolicyDeviation> PolicyDeviations { get; init; } = [];

    /// <summary>The thresholds the controls applied (organisation policy, not HIPAA).</summary>
    public Policy Thresholds { get; init; } = Policy.Default;

    public string? WaiversFile { get; init; }

    /// <summary>The waivers in force during the run; the thresholds carry every waiver read, expired ones included.</summary>
    public List<Waiver> Waivers { get; init; } = [];

    /// <summary>The accounts of the run, each with its outcome and stacks; reports group by account, then stack.</summary>
    public List<AccountEvidence> Accounts { get; init; } = [];

    public List<StackEvidence> Stacks { get; init; } = [];
    public List<ControlEvidence> Controls { get; init; } = [];

    /// <summary>Whether the data-path checks were part of this run; false: "not in scope for this run".</summary>
    public bool ConnectivityInScope { get; init; }

    /// <summary>The data-path checks (TLS sessions, plaintext refused), when connectivity was in scope.</summary>
    public List<ConnectivityCheck> Connectivity { get; init; } = [];

    public VerdictCounts Counts { get; init; } = new();

    /// <summary>What changed since the previous run, when its evidence was given.</summary>
    public DriftReport? Drift { get; init; }

    public SignatureInfo Signature { get; init; } = new();

    /// <summary>Whether reports group by account, then stack: several accounts (a merged report, an inventory run); one account adds nothing.</summary>
    public bool GroupsByAccount() => Accounts.Count > 1;

    /// <summary>The name of the account stack <paramref name="stack"/> is in; empty for evidence written before stacks named it.</summary>
    public string AccountOf(int stack) => Stacks.ElementAtOrDefault(stack)?.Account ?? "";
}

/// <summary>The tool that produced the evidence.</summary>
public sealed record ToolInfo
{
    public string Name { get; init; } = "verify";
    public string Version { get; init; } = "";
    public string? GitCommit { get; init; }
}

/// <summary>When, where, as whom and how the run went.</summary>
public sealed record RunInfo
{
    public string Mode { get; init; } = "gate";
    public string? SandboxScenario { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>When verify merge combined the input bundles (mode "merge" only); StartedAt/FinishedAt span the inputs' runs.</summary>
    public DateTimeOffset? MergedAt { get; init; }

    public string? Region { get; init; }
    public string? Profile { get; init; }
    public string? AccountId { get; init; }
    public string? CallerArn { get; init; }

    /// <summary>The identity the accounts' roles were assumed from, when the run assumed any.</summary>
    public string? BaseCallerArn { get; init; }

    /// <summary>The inventory file of the run, when it had one.</summary>
    public string? InventoryFile { get; init; }
    public RunOutcome Outcome { get; init; }
    public int ExitCode { get; init; }

    /// <summary>Service endpoint prefix → where its requests went, and whether that is AWS's default endpoint.</summary>
    public SortedDictionary<string, Aws.EndpointUse> Endpoints { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Everything that could not be evaluated, in one sentence each (setup, suites that did not report).</summary>
    public List<string> Errors { get; init; } = [];
}

/// <summary>One account of the run: how it was reached, its outcome, and why it could not be evaluated when it could not.</summary>
public sealed record AccountEvidence
{
    /// <summary>The inventory's name for the account ("prod"), or the account id.</summary>
    public string Name { get; init; } = "";
    public string? AccountId { get; init; }
    public string Region { get; init; } = "";

    /// <summary>The role assumed into the account; null when the base credentials were used.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Whether an external id was sent with sts:AssumeRole (its value is not recorded).</summary>
    public bool ExternalIdSent { get; init; }

    /// <summary>The RoleSessionName, as the account's CloudTrail records the run's calls.</summary>
    public string? SessionName { get; init; }

    public RunOutcome Outcome { get; init; }

    /// <summary>Why the account's stacks were not evaluated; null when they were.</summary>
    public string? Error { get; init; }

    /// <summary>Indexes into <see cref="EvidenceDocument.Stacks"/>.</summary>
    public List<int> Stacks { get; init; } = [];

    /// <summary>The evidence bundle this account came from, in a merged organisation report.</summary>
    public MergedInput? Source { get; init; }
}

/// <summary>An input bundle of a merged report, as it was verified before merging.</summary>
public sealed record MergedInput
{
    /// <summary>The bundle's folder as given to verify merge.</summary>
    public string Bundle { get; init; } = "";

    /// <summary>SHA-256 of the input's manifest.sha256: names exactly the files that were merged.</summary>
    public string ManifestSha256 { get; init; } = "";

    /// <summary>SHA-256 of the public key whose signature over that manifest was verified.</summary>
    public string? SignerPublicKeySha256 { get; init; }

    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    public string Mode { get; init; } = "";
    public string? SandboxScenario { get; init; }
    public string? CallerArn { get; init; }

    /// <summary>The account's name in the input bundle, when verify merge was told to file it under another (NAME=FOLDER).</summary>
    public string? AccountNameInBundle { get; init; }
}

/// <summary>One stack: its outputs file (hashed, secret-looking values masked) and the snapshot that was evaluated.</summary>
public sealed record StackEvidence
{
    /// <summary>The name of the account (<see cref="AccountEvidence.Name"/>) the stack is in.</summary>
    public string Account { get; init; } = "";

    /// <summary>Why the stack was not evaluated (its account could not be reached); null when it was. It has no control results.</summary>
    public string? NotEvaluated { get; init; }

    /// <summary>The thresholds this stack was judged by, when they differ from the document's (a merged report of runs with different settings).</summary>
    public Policy? Thresholds { get; init; }

    public string OutputsFile { get; init; } = "";
    public string OutputsSha256 { get; init; } = "";
    public string OutputsFormat { get; init; } = "";
    public SortedDictionary<string, string> Outputs { get; init; } = new(StringComparer.Ordinal);
    public string SnapshotFile { get; init; } = "";
    public string? AccountId { get; init; }
    public string? CallerArn { get; init; }
    public string Region { get; init; } = "";
    public DateTimeOffset CollectedAt { get; init; }
    public int AwsCalls { get; init; }

    /// <summary>What could not be established about the stack's scope, one sentence each; empty when the scope is complete.</summary>
    public List<string> ScopeGaps { get; init; } = [];
}

/// <summary>One control's result on one stack, with the AWS request ids of the calls its evidence came from.</summary>
public sealed record ControlEvidence
{
    /// <summary>Index into <see cref="EvidenceDocument.Stacks"/>.</summary>
    public int Stack { get; init; }

    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Area { get; init; } = "";
    public string Service { get; init; } = "";
    public Severity Severity { get; init; }
    public string Risk { get; init; } = "";
    public string Remediation { get; init; } = "";
    public List<string> Hipaa { get; init; } = [];
    public ControlVerdict Verdict { get; init; }
    public List<Finding> Findings { get; init; } = [];
    public List<string> RequestIds { get; init; } = [];

    /// <summary>Whether the verdict gates the run (a failure, or could not evaluate).</summary>
    public bool Gates => Verdict is ControlVerdict.Failed or ControlVerdict.CouldNotEvaluate;
}

/// <summary>One data-path check's result on one stack: a live TLS session, a plaintext refusal, a DNS answer.</summary>
public sealed record ConnectivityCheck
{
    /// <summary>Index into <see cref="EvidenceDocument.Stacks"/>.</summary>
    public int Stack { get; init; }

    /// <summary>The check's id (its type name).</summary>
    public string Name { get; init; } = "";
    public string Title { get; init; } = "";
    public Severity Severity { get; init; }
    public List<string> Hipaa { get; init; } = [];
    public string Remediation { get; init; } = "";

    /// <summary>"name:port" as the stack outputs give it.</summary>
    public string Target { get; init; } = "";
    public FindingStatus Status { get; init; }
    public ControlVerdict Verdict { get; init; }
    public string Message { get; init; } = "";
    public DateTimeOffset ObservedAt { get; init; }
    public SortedDictionary<string, string> Evidence { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>How many controls ended in each verdict, and the data-path checks.</summary>
public sealed record VerdictCounts
{
    public int Total { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Warning { get; init; }
    public int CouldNotEvaluate { get; init; }
    public int NotApplicable { get; init; }

    /// <summary>A failure covered by a waiver in force: counts as passed for the gate, shown apart.</summary>
    public int Waived { get; init; }

    /// <summary>Verdicts this version does not name: counted apart, never as failures.</summary>
    public int Other { get; init; }

    public int ConnectivityPassed { get; init; }
    public int ConnectivityFailed { get; init; }
    public int ConnectivityErrors { get; init; }

    public static VerdictCounts Of(IReadOnlyCollection<ControlEvidence> controls, IReadOnlyCollection<ConnectivityCheck> checks) => new()
    {
        Total = controls.Count,
        Passed = controls.Count(c => c.Verdict == ControlVerdict.Passed),
        Failed = controls.Count(c => c.Verdict == ControlVerdict.Failed),
        Warning = controls.Count(c => c.Verdict == ControlVerdict.Warning),
        CouldNotEvaluate = controls.Count(c => c.Verdict == ControlVerdict.CouldNotEvaluate),
        NotApplicable = controls.Count(c => c.Verdict == ControlVerdict.NotApplicable),
        Waived = controls.Count(c => c.Verdict == ControlVerdict.Waived),
        Other = controls.Count(c => c.Verdict is not (ControlVerdict.Passed or ControlVerdict.Failed or ControlVerdict.Warning or ControlVerdict.CouldNotEvaluate or ControlVerdict.NotApplicable or ControlVerdict.Waived)),
        ConnectivityPassed = checks.Count(c => c.Status == FindingStatus.Pass),
        ConnectivityFailed = checks.Count(c => c.Status == FindingStatus.Fail),
        ConnectivityErrors = checks.Count(c => c.Status == FindingStatus.Error),
    };
}

/// <summary>Whether and how the manifest is signed.</summary>
public sealed record SignatureInfo
{
    public bool Signed { get; init; }

    /// <summary>"ECDSA-SHA256" or "RSA-PKCS1-SHA256".</summary>
    public string? Algorithm { get; init; }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo DER), to compare with the key an auditor trusts.</summary>
    public string? PublicKeySha256 { get; init; }

    /// <summary>The AWS KMS key that signed (its private key never left KMS); null for a PEM key or an unsigned bundle.</summary>
    public string? KmsKeyArn { get; init; }

    public string Note { get; init; } = "This bundle is UNSIGNED: manifest.sha256 shows whether a file changed after it was written, not who wrote it.";
}
