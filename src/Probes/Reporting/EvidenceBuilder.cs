using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Controls;
using Verification.Probes.Runs;

namespace Verification.Probes.Reporting;

/// <summary>Projects one engine run onto evidence.json: nothing is re-derived, every verdict and the outcome are the run's.</summary>
public static class EvidenceBuilder
{
    /// <summary>The snapshot's file name in the bundle for stack <paramref name="index"/> of <paramref name="count"/>.</summary>
    public static string SnapshotFile(int index, int count) => count == 1 ? "snapshot.json" : $"snapshot-{index + 1}.json";

    public static EvidenceDocument Build(RunResult run, ToolInfo tool, SignatureInfo signature, EvidenceDocument? previous = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stacks = run.Stacks.Select((stack, i) => Stack(stack.Snapshot, SnapshotFile(i, run.Stacks.Count)) with { Account = stack.Account, NotEvaluated = stack.NotEvaluated }).ToList();
        var controls = run.Stacks.SelectMany((stack, i) => stack.Results.Select(c => Control(c, i, stack.Snapshot.Calls))).ToList();
        var connectivity = run.DataPath.SelectMany(DataPath).ToList();
        var caller = run.Stacks.Select(s => s.Snapshot.Caller.Value).FirstOrDefault(c => c is not null);
        var document = new EvidenceDocument
        {
            Tool = tool,
            Run = new RunInfo
            {
                Mode = run.Mode,
                SandboxScenario = run.SandboxScenario,
                StartedAt = run.StartedAt,
                FinishedAt = run.FinishedAt,
                Region = run.Region,
                Profile = run.Profile,
                AccountId = caller?.Account,
                CallerArn = caller?.Arn,
                BaseCallerArn = run.BaseCaller?.Arn,
                InventoryFile = run.InventoryFile,
                Outcome = run.Outcome,
                ExitCode = run.ExitCode,
                Endpoints = new(run.Endpoints.ToDictionary(e => e.Key, e => e.Value), StringComparer.Ordinal),
                Errors = [.. run.Errors],
            },
            PolicyDeviations = [.. run.PolicyDeviations],
            Thresholds = run.Policy,
            WaiversFile = run.WaiversFile,
            Waivers = [.. run.Policy.Waivers.Where(w => !w.IsExpired(run.StartedAt))],
            Accounts = [.. run.Accounts.Select(a => new AccountEvidence
            {
                Name = a.Name,
                AccountId = a.AccountId,
                Region = a.Region,
                RoleArn = a.RoleArn,
                ExternalIdSent = a.ExternalIdSent,
                SessionName = a.SessionName,
                Outcome = run.OutcomeOf(a),
                Error = a.Error,
                Stacks = [.. a.Stacks],
            })],
            Stacks = stacks,
            Controls = controls,
            ConnectivityInScope = run.DataPathInScope,
            Connectivity = connectivity,
            Counts = VerdictCounts.Of(controls, connectivity),
            Signature = signature,
        };
        return previous is null ? document : document with { Drift = Drift.Compare(previous, document) };
    }

    private static StackEvidence Stack(StackSnapshot snapshot, string snapshotFile) => new()
    {
        OutputsFile = snapshot.Outputs.SourceFile,
        OutputsSha256 = snapshot.Outputs.Sha256,
        OutputsFormat = snapshot.Outputs.Format,
        Outputs = new SortedDictionary<string, string>(snapshot.Outputs.Raw, StringComparer.Ordinal),
        SnapshotFile = snapshotFile,
        AccountId = snapshot.Caller.Value?.Account,
        CallerArn = snapshot.Caller.Value?.Arn,
        Region = snapshot.Region,
        CollectedAt = snapshot.FinishedAt,
        AwsCalls = snapshot.Calls.Count,
        ScopeGaps = [.. snapshot.ScopeGaps.Select(g => g.Explain())],
    };

    /// <summary>A control's metadata, verdict and findings as plain data (the one record of a control's result in every report).</summary>
    public static ControlEvidence Control(ControlResult result, int stack, IEnumerable<AwsCall> calls)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new()
        {
            Stack = stack,
            Id = result.Control.Id,
            Title = result.Control.Title,
            Area = result.Control.Area,
            Service = result.Control.Service,
            Severity = result.Control.Severity,
            Risk = result.Control.Risk,
            Remediation = result.Control.Remediation,
            Hipaa = [.. result.Control.Hipaa],
            Verdict = result.Verdict,
            Findings = [.. result.Findings],
            RequestIds = [.. RequestIds(result.Control, calls)],
        };
    }

    private static IEnumerable<ConnectivityCheck> DataPath(DataPathResult result) => result.Findings.Select(finding => new ConnectivityCheck
    {
        Stack = result.Stack,
        Name = result.Check.Id,
        Title = result.Check.Title,
        Severity = result.Check.Severity,
        Hipaa = [.. result.Check.Hipaa],
        Remediation = result.Check.Remediation,
        Target = finding.Target,
        Status = finding.Status,
        Verdict = result.Verdict,
        Message = finding.Message,
        ObservedAt = finding.ObservedAt,
        Evidence = finding.Evidence,
    });

    /// <summary>The request ids of the calls to the services a control reads (its own, plus EC2 for network placement and KMS for the stack key).</summary>
    private static IEnumerable<string> RequestIds(Control control, IEnumerable<AwsCall> calls)
    {
        var services = ServicePrefixes.Of(control.Service).ToHashSet(StringComparer.Ordinal);
        if (control.Area == "Private access")
        {
            services.Add("ec2");
        }

        if (control.Area == "Encryption")
        {
            services.Add("kms");
        }

        return calls.Where(c => c.RequestId is not null && (services.Contains(c.Service) || services.Contains("*")))
            .Select(c => $"{c.Action} {c.RequestId}");
    }
}

/// <summary>The endpoint prefixes (as in the call log) behind a control's service name.</summary>
public static class ServicePrefixes
{
    public static IEnumerable<string> Of(string service) => service switch
    {
        "RDS" => ["rds"],
        "ElastiCache" => ["elasticache"],
        "ECS" => ["ecs", "servicediscovery"],
        "CloudWatch Logs" => ["logs"],
        "Secrets Manager" => ["secretsmanager"],
        "KMS" => ["kms"],
        "ECR" => ["api.ecr"],
        "EC2" or "VPC" => ["ec2"],
        "ELB" or "ELBv2" or "Elastic Load Balancing" => ["elasticloadbalancing"],
        "IAM" => ["iam", "sts"],
        "Stack outputs" => ["*"],
        _ => [service.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)],
    };
}
