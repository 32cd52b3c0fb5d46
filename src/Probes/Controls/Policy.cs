namespace Verification.Probes.Controls;

/// <summary>
/// The organisation's thresholds. HIPAA sets no log or backup retention period; 30 days is this organisation's policy
/// (the seeds' "30 days minimum"), configurable in runsettings, and the evidence says which value was applied.
/// </summary>
public sealed record Policy
{
    /// <summary>Minimum CloudWatch Logs retention in days.</summary>
    public int MinLogRetentionDays { get; init; } = 30;

    /// <summary>Whether a log group that never expires satisfies the retention minimum.</summary>
    public bool AllowNeverExpire { get; init; } = true;

    /// <summary>Minimum RDS/Aurora automated backup retention in days.</summary>
    public int MinBackupRetentionDays { get; init; } = 30;

    /// <summary>Minimum ElastiCache snapshot retention in days.</summary>
    public int MinSnapshotRetentionDays { get; init; } = 7;

    /// <summary>Largest Aurora Serverless v2 max capacity (ACU) before it counts as a cost risk.</summary>
    public double MaxServerlessCapacity { get; init; } = 64;

    /// <summary>Days before a certificate's expiry at which it counts as near expiry.</summary>
    public int CertificateExpiryWarningDays { get; init; } = 30;

    /// <summary>Smallest app-tier subnet size (prefix length), /24 per the seed.</summary>
    public int MaxAppSubnetPrefixLength { get; init; } = 24;

    /// <summary>Tag keys every tagged stack resource carries (VPC, subnets, databases, the secret): organisation policy, not HIPAA.</summary>
    public IReadOnlyList<string> RequiredTags { get; init; } = ["Environment"];

    /// <summary>Whether the IaC state bucket must be encrypted with SSE-KMS under the stack's own key (off: any default encryption will do).</summary>
    public bool StateBucketRequiresStackKey { get; init; }

    /// <summary>The lowest severity that fails the gate.</summary>
    public Severity FailOn { get; init; } = Severity.High;

    /// <summary>The furthest a waiver's expiry may be after the run, in days: a year unless the settings raise it.</summary>
    public int MaxWaiverDays { get; init; } = 365;

    /// <summary>Accepted risks: failures these cover become Waived until the waiver expires.</summary>
    public IReadOnlyList<Waiver> Waivers { get; init; } = [];

    public static Policy Default { get; } = new();
}
