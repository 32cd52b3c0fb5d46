using Verification.Probes.Aws;
using Verification.Probes.Collection;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>Assembles evidence.json from the suite's results, the snapshots it saved and the data-path checks.</summary>
public static class EvidenceBuilder
{
    /// <param name="snapshots">Each stack's snapshot, in the order of <see cref="RunResults.Stacks"/>.</param>
    /// <param name="errors">Could-not-evaluate reasons found outside the results (a suite that wrote nothing).</param>
    public static EvidenceDocument Build(
        RunResults results,
        IReadOnlyList<StackSnapshot> snapshots,
        IReadOnlyList<ConnectivityCheck> connectivity,
        ToolInfo tool,
        IReadOnlyList<string> errors,
        SignatureInfo signature,
        EvidenceDocument? previous = null)
    {
        var stacks = results.Stacks.Select((stack, i) => Stack(stack, snapshots[i])).ToList();
        var controls = results.Stacks.SelectMany((stack, i) => stack.Controls.Select(c => Control(c, i, snapshots[i]))).ToList();
        var allErrors = new List<string>();
        if (results.SetupError is not null)
        {
            allErrors.Add(results.SetupError);
        }

        allErrors.AddRange(errors);
        var outcome = Outcome(controls, connectivity, allErrors);
        var caller = snapshots.Select(s => s.Caller.Value).FirstOrDefault(c => c is not null);
        var document = new EvidenceDocument
        {
            Tool = tool,
            Run = new RunInfo
            {
                Mode = results.Mode,
                SandboxScenario = results.SandboxScenario,
                StartedAt = results.StartedAt,
                FinishedAt = results.FinishedAt,
                Region = results.Region,
                Profile = results.Profile,
                AccountId = caller?.Account,
                CallerArn = caller?.Arn,
                Outcome = outcome,
                ExitCode = Gate.ExitCode(outcome),
                Errors = allErrors,
            },
            Thresholds = results.Policy,
            WaiversFile = results.WaiversFile,
            Waivers = results.Waivers,
            Stacks = stacks,
            Controls = controls,
            Connectivity = [.. connectivity],
            Counts = VerdictCounts.Of(controls, connectivity),
            Signature = signature,
        };
        return previous is null ? document : document with { Drift = Drift.Compare(previous, document) };
    }

    /// <summary>Non-compliant on any gating failure (a control or a data-path check), else could-not-evaluate on any error, else compliant.</summary>
    public static RunOutcome Outcome(IReadOnlyCollection<ControlEvidence> controls, IReadOnlyCollection<ConnectivityCheck> connectivity, IReadOnlyCollection<string> errors)
    {
        var configuration = Gate.Outcome(controls.Select(c => c.Verdict));
        if (configuration == RunOutcome.NonCompliant || connectivity.Any(c => c.Status == FindingStatus.Fail))
        {
            return RunOutcome.NonCompliant;
        }

        return configuration == RunOutcome.CouldNotEvaluate || errors.Count > 0 || connectivity.Any(c => c.Status == FindingStatus.Error)
            ? RunOutcome.CouldNotEvaluate
            : RunOutcome.Compliant;
    }

    private static StackEvidence Stack(StackResults stack, StackSnapshot snapshot) => new()
    {
        OutputsFile = snapshot.Outputs.SourceFile,
        OutputsSha256 = snapshot.Outputs.Sha256,
        OutputsFormat = snapshot.Outputs.Format,
        Outputs = new SortedDictionary<string, string>(snapshot.Outputs.Raw, StringComparer.Ordinal),
        SnapshotFile = stack.SnapshotFile,
        AccountId = snapshot.Caller.Value?.Account,
        CallerArn = snapshot.Caller.Value?.Arn,
        Region = snapshot.Region,
        CollectedAt = snapshot.FinishedAt,
        AwsCalls = snapshot.Calls.Count,
    };

    private static ControlEvidence Control(ControlRecord control, int stack, StackSnapshot snapshot) => new()
    {
        Stack = stack,
        Id = control.Id,
        Title = control.Title,
        Area = control.Area,
        Service = control.Service,
        Severity = control.Severity,
        Risk = control.Risk,
        Remediation = control.Remediation,
        Hipaa = control.Hipaa,
        Verdict = control.Verdict,
        Findings = control.Findings,
        RequestIds = [.. RequestIds(control, snapshot.Calls)],
    };

    /// <summary>The request ids of the calls to the services a control reads (its own, plus EC2 for network placement and KMS for the stack key).</summary>
    private static IEnumerable<string> RequestIds(ControlRecord control, IEnumerable<AwsCall> calls)
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
        "EC2" or "VPC" => ["ec2"],
        "ELB" or "ELBv2" or "Elastic Load Balancing" => ["elasticloadbalancing"],
        "IAM" => ["iam", "sts"],
        "Stack outputs" => ["*"],
        _ => [service.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal)],
    };
}
