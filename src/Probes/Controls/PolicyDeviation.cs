using System.Globalization;

namespace Verification.Probes.Controls;

/// <summary>
/// One way a run's settings differ from the shipped defaults (<see cref="Policy.Default"/>): a loosened threshold, a
/// raised FailOn, a waiver, an insecure endpoint. A run may deviate; every report says so at the top.
/// </summary>
/// <param name="Effect">"looser" or "stricter", then what that means in one sentence.</param>
public sealed record PolicyDeviation(string Setting, string Shipped, string Used, string Effect)
{
    /// <summary>Every deviation of <paramref name="used"/> from the shipped policy, waivers in force at <paramref name="at"/> included.</summary>
    public static IReadOnlyList<PolicyDeviation> Of(Policy used, DateTimeOffset at, bool allowInsecureEndpoint = false)
    {
        ArgumentNullException.ThrowIfNull(used);
        var shipped = Policy.Default;
        var list = new List<PolicyDeviation>();
        void Number(string setting, double shippedValue, double usedValue, bool higherIsStricter, string what)
        {
            if (shippedValue != usedValue)
            {
                var looser = higherIsStricter ? usedValue < shippedValue : usedValue > shippedValue;
                list.Add(new(setting, Text(shippedValue), Text(usedValue), (looser ? "looser: " : "stricter: ") + what));
            }
        }

        Number(nameof(Policy.MinLogRetentionDays), shipped.MinLogRetentionDays, used.MinLogRetentionDays, true, $"log groups must keep {used.MinLogRetentionDays} days of logs instead of {shipped.MinLogRetentionDays}.");
        Number(nameof(Policy.MinBackupRetentionDays), shipped.MinBackupRetentionDays, used.MinBackupRetentionDays, true, $"databases must keep {used.MinBackupRetentionDays} days of backups instead of {shipped.MinBackupRetentionDays}.");
        Number(nameof(Policy.MinSnapshotRetentionDays), shipped.MinSnapshotRetentionDays, used.MinSnapshotRetentionDays, true, $"Redis must keep {used.MinSnapshotRetentionDays} days of snapshots instead of {shipped.MinSnapshotRetentionDays}.");
        Number(nameof(Policy.MaxServerlessCapacity), shipped.MaxServerlessCapacity, used.MaxServerlessCapacity, false, $"Aurora Serverless may scale to {Text(used.MaxServerlessCapacity)} ACU instead of {Text(shipped.MaxServerlessCapacity)}.");
        Number(nameof(Policy.CertificateExpiryWarningDays), shipped.CertificateExpiryWarningDays, used.CertificateExpiryWarningDays, true, $"certificates are flagged {used.CertificateExpiryWarningDays} days before expiry instead of {shipped.CertificateExpiryWarningDays}.");
        Number(nameof(Policy.MaxAppSubnetPrefixLength), shipped.MaxAppSubnetPrefixLength, used.MaxAppSubnetPrefixLength, false, $"app subnets may be as small as /{used.MaxAppSubnetPrefixLength} instead of /{shipped.MaxAppSubnetPrefixLength}.");
        Number(nameof(Policy.MaxWaiverDays), shipped.MaxWaiverDays, used.MaxWaiverDays, false, $"a waiver may run {used.MaxWaiverDays} days after the run instead of {shipped.MaxWaiverDays}.");
        if (used.AllowNeverExpire != shipped.AllowNeverExpire)
        {
            list.Add(new(nameof(Policy.AllowNeverExpire), Bool(shipped.AllowNeverExpire), Bool(used.AllowNeverExpire), used.AllowNeverExpire
                ? "looser: a log group that never expires passes the retention minimum."
                : "stricter: a log group that never expires fails the retention minimum."));
        }

        if (used.StateBucketRequiresStackKey != shipped.StateBucketRequiresStackKey)
        {
            list.Add(new(nameof(Policy.StateBucketRequiresStackKey), Bool(shipped.StateBucketRequiresStackKey), Bool(used.StateBucketRequiresStackKey), used.StateBucketRequiresStackKey
                ? "stricter: the state bucket must be encrypted with SSE-KMS under the stack key."
                : "looser: any default encryption of the state bucket will do."));
        }

        if (used.FailOn != shipped.FailOn)
        {
            list.Add(new(nameof(Policy.FailOn), shipped.FailOn.ToString(), used.FailOn.ToString(), used.FailOn > shipped.FailOn
                ? $"looser: failures below {used.FailOn} are warnings and do not fail the gate."
                : $"stricter: {used.FailOn} failures fail the gate too."));
        }

        var missingTags = shipped.RequiredTags.Except(used.RequiredTags, StringComparer.Ordinal).ToList();
        if (!shipped.RequiredTags.Order(StringComparer.Ordinal).SequenceEqual(used.RequiredTags.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            list.Add(new(nameof(Policy.RequiredTags), string.Join(",", shipped.RequiredTags), string.Join(",", used.RequiredTags), missingTags.Count > 0
                ? $"looser: tag {string.Join(", ", missingTags)} is no longer required."
                : "stricter: more tags are required."));
        }

        foreach (var waiver in used.Waivers.Where(w => !w.IsExpired(at)))
        {
            list.Add(new("Waiver", "none", $"{waiver.Control} on {waiver.Resource} until {waiver.Expires:yyyy-MM-dd} (approved by {waiver.Approver})",
                $"looser: a failure of {waiver.Control} on matching resources passes as Waived ({waiver.Justification})."));
        }

        if (allowInsecureEndpoint)
        {
            list.Add(new("AllowInsecureEndpoint", "false", "true", "looser: AWS_ENDPOINT_URL may point at a plain-HTTP endpoint, so AWS answers and credentials can be read or changed in transit."));
        }

        return list;
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";

    public override string ToString() => $"{Setting}: shipped {Shipped}, used {Used} ({Effect})";
}
