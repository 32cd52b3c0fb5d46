using Verification.Probes.Aws.Model;

namespace Verification.Probes.Controls.Audit;

/// <summary>
/// A logging trail records S3 data events (reads and writes) on the IaC state bucket's objects: the state holds the
/// generated database password, so every GetObject of it must leave an audit record. Basic selectors count when a
/// DataResource of type AWS::S3::Object names all buckets or <c>arn:aws:s3:::bucket/</c>; advanced selectors when one
/// selects data events on AWS::S3::Object whose ARN starts with that prefix (or any S3 object) and excludes neither the
/// bucket nor reads or writes. Peers: Prowler <c>cloudtrail_s3_dataevents_read_enabled</c> and
/// <c>cloudtrail_s3_dataevents_write_enabled</c> (164.308(a)(1)(ii)(D), 164.308(a)(3)(ii)(A), 164.312(a)(2)(i), 164.312(b), ...)
/// and AWS Config <c>cloudtrail-s3-dataevents-enabled</c> judge every bucket or all of S3; this control judges only the
/// state bucket, the one the stack names.
/// </summary>
public sealed class CloudTrailLogsStateBucketDataEvents : Control
{
    // Advanced-selector fields that only narrow what is selected in ways this control understands.
    private static readonly HashSet<string> UnderstoodFields = new(StringComparer.Ordinal) { "eventCategory", "resources.type", "resources.ARN", "readOnly", "eventSource" };

    public override string Title => "A logging CloudTrail trail records data events on the IaC state bucket's objects";
    public override string Area => "Audit";
    public override string Service => "CloudTrail";
    public override Severity Severity => Severity.High;
    public override string Risk => "Management events do not include GetObject: whoever reads the state file, and with it the database password, leaves no record, so a leaked credential cannot be traced or its exposure bounded.";
    public override string Remediation => "Add an advanced_event_selector to the aws_cloudtrail with field_selector eventCategory = [\"Data\"], resources.type = [\"AWS::S3::Object\"] and resources.ARN starts_with [\"arn:aws:s3:::<state bucket>/\"] (or a basic event_selector data_resource { type = \"AWS::S3::Object\", values = [\"arn:aws:s3:::<state bucket>/\"] } with read_write_type = \"All\").";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(1)(ii)(D)", "164.312(b)"];

    protected override IEnumerable<Fact> Facts(EvaluationContext context)
    {
        var account = context.Snapshot.Account;
        return context.Snapshot.StateBucket is null ? []
            : account.Trails.Value is { } trails ? [Fact.Of(account.Trails), .. Trails.StatusFacts(account, trails, selectors: true)]
            : [Fact.Of(account.Trails)];
    }

    protected override IEnumerable<Finding> Decide(EvaluationContext context)
    {
        if (context.Snapshot.StateBucket is not { } bucket)
        {
            return [NotApplicable(context, "state bucket", "No state bucket is named by the outputs (state_bucket) or the settings (StateBucket).")];
        }

        var account = context.Snapshot.Account;
        var objects = $"arn:aws:s3:::{bucket.Name}/";
        var judged = account.Trails.Value!.Select(t => (Trail: t, Logging: Trails.Of(account.TrailStatus, t).Value?.IsLogging == true,
            Covered: Covered(Trails.Of(account.EventSelectors, t).Value!, objects))).ToList();
        var evidence = Evidence.Of(("objects", objects), ("trails", judged.Select(j => $"{j.Trail.Name} ({(j.Logging ? "logging" : "not logging")}; reads {(j.Covered.Reads ? "recorded" : "not recorded")}, writes {(j.Covered.Writes ? "recorded" : "not recorded")})").ToList()));
        var reads = judged.FirstOrDefault(j => j.Logging && j.Covered.Reads).Trail;
        var writes = judged.FirstOrDefault(j => j.Logging && j.Covered.Writes).Trail;
        if (reads is not null && writes is not null)
        {
            return [Pass(context, bucket.Arn, $"CloudTrail records data events on {objects}* (reads: trail {reads.Name}, writes: trail {writes.Name}).", evidence)];
        }

        var missing = string.Join(" or ", new[] { reads is null ? "reads" : null, writes is null ? "writes" : null }.OfType<string>());
        return [Fail(context, bucket.Arn, $"No logging CloudTrail trail records {missing} of the state bucket's objects ({objects}), so access to the state file leaves no audit record.", evidence)];
    }

    /// <summary>Whether the selectors record reads and writes of every object under <paramref name="objects"/>.</summary>
    internal static (bool Reads, bool Writes) Covered(TrailEventSelectors selectors, string objects)
    {
        bool reads = false, writes = false;
        foreach (var selector in selectors.EventSelectors)
        {
            var all = selector.DataResources.Any(d => d.Type == "AWS::S3::Object" && d.Values.Any(v => v is "arn:aws:s3" or "arn:aws:s3:::" || v == objects));
            reads |= all && selector.ReadWriteType is "All" or "ReadOnly";
            writes |= all && selector.ReadWriteType is "All" or "WriteOnly";
        }

        foreach (var selector in selectors.AdvancedEventSelectors)
        {
            var fields = selector.FieldSelectors;
            bool Is(string field, string value) => fields.Any(f => f.Field == field && f.EqualTo.Contains(value, StringComparer.Ordinal));
            var arn = fields.Where(f => f.Field == "resources.ARN").ToList();
            var selects = Is("eventCategory", "Data") && Is("resources.type", "AWS::S3::Object")
                && fields.All(f => UnderstoodFields.Contains(f.Field))
                && fields.Where(f => f.Field is "eventCategory" or "resources.type").All(f => f.EqualTo.Count > 0 && f.StartsWith.Count + f.EndsWith.Count + f.NotEquals.Count + f.NotStartsWith.Count + f.NotEndsWith.Count == 0)
                && fields.Where(f => f.Field == "eventSource").All(f => f.EqualTo.SequenceEqual(["s3.amazonaws.com"]))
                && arn.All(f => f.StartsWith.Any(p => objects.StartsWith(p, StringComparison.Ordinal)) && f.EqualTo.Count + f.EndsWith.Count == 0
                    && !f.NotStartsWith.Any(p => objects.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(objects, StringComparison.Ordinal))
                    && f.NotEquals.Count + f.NotEndsWith.Count == 0);
            var readOnly = fields.FirstOrDefault(f => f.Field == "readOnly")?.EqualTo;
            reads |= selects && (readOnly is null || readOnly.Contains("true"));
            writes |= selects && (readOnly is null || readOnly.Contains("false"));
        }

        return (reads, writes);
    }
}
