namespace Verification.Probes.Controls.Database;

/// <summary>The database runs an engine version RDS still offers (the seed's "Cannot find version 16.1 for postgres").</summary>
public sealed class RdsEngineVersionSupported : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora run an engine version that RDS lists as available";
    public override Severity Severity => Severity.High;
    public override string Risk => "A version RDS no longer offers cannot be redeployed from the same IaC (creation fails with \"Cannot find version\"), gets no further fixes, and is upgraded by AWS on its own schedule.";
    public override string Remediation => "Set engine_version (EngineVersion) to a version listed by aws rds describe-db-engine-versions --engine <engine> (e.g. 16.4 for postgres), and apply it in a maintenance window (allow_major_version_upgrade for a major step).";

    // Version currency keeps the stack deployable and patched; no Security Rule section names it.
    public override IReadOnlyList<string> Hipaa => [];

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [.. base.MoreFacts(context), Fact.Of(context.Snapshot.DBEngineVersions)];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var offered = context.Snapshot.DBEngineVersions.Value!.Where(v => v.Engine == db.Engine).ToList();
        var available = offered.Where(v => v.Status is null or "available").Select(v => v.EngineVersion).ToList();
        var status = offered.FirstOrDefault(v => v.EngineVersion == db.EngineVersion)?.Status;
        var evidence = Evidence.Of(("Engine", db.Engine), ("EngineVersion", db.EngineVersion), ("versionStatus", status ?? "not listed"), ("availableVersions", available));
        return available.Contains(db.EngineVersion ?? "")
            ? Pass(context, db.Arn, $"{db.Name} runs {db.Engine} {db.EngineVersion}, which RDS lists as available.", evidence)
            : Fail(context, db.Arn, $"{db.Name} runs {db.Engine} {db.EngineVersion}, which RDS {(status is null ? "does not list" : $"lists as {status}")}; available versions are {(available.Count > 0 ? string.Join(", ", available) : "none")}.", evidence);
    }
}
