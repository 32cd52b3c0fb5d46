namespace Verification.Probes.Controls.Database;

/// <summary>The database exports its engine log (postgresql, or audit for MySQL) to CloudWatch Logs.</summary>
public sealed class RdsLogsExportedToCloudWatch : DatabaseUnitControl
{
    public override string Title => "RDS and Aurora export their engine log to CloudWatch Logs";
    public override Severity Severity => Severity.High;
    public override string Risk => "Connection, authentication and statement logs stay on the instance, rotate away within days and vanish with it, so access to ePHI cannot be reviewed or investigated.";
    public override string Remediation => "Set enabled_cloudwatch_logs_exports = [\"postgresql\"] (EnableCloudwatchLogsExports in CloudFormation; [\"audit\", \"error\"] for MySQL) on the DB instance, or on the Aurora cluster.";

    public override IReadOnlyList<string> Hipaa => ["164.312(b)"];

    protected override Finding Judge(EvaluationContext context, DatabaseUnit db)
    {
        var needed = db.Engine is { } engine && (engine.Contains("mysql", StringComparison.Ordinal) || engine == "mariadb") ? "audit" : "postgresql";
        var exports = db.EnabledCloudwatchLogsExports;
        var evidence = Evidence.Of(("EnabledCloudwatchLogsExports", exports.Count > 0 ? exports : "none"), ("required", needed));
        return exports.Contains(needed)
            ? Pass(context, db.Arn, $"{db.Name} exports its {needed} log to CloudWatch Logs.", evidence)
            : Fail(context, db.Arn, $"{db.Name} does not export its {needed} log to CloudWatch Logs.", evidence);
    }
}
