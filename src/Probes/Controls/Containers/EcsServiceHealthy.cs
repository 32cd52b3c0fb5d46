using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Every stack ECS service runs as many tasks as it wants, its current deployment has not failed, and no recently
/// stopped task of it failed to start. Deploy-time defects (an unreadable secret, a missing log group or namespace, an
/// image that cannot be pulled) show in a live account exactly this way.
/// </summary>
public sealed class EcsServiceHealthy : ResourceControl<Service>
{
    // The stop reasons ECS gives when a task never got its containers running.
    private static readonly string[] StartupErrors =
    [
        "ResourceInitializationError", "CannotPullContainerError", "CannotStartContainerError", "CannotCreateVolumeError",
        "unable to pull secrets", "Unable to retrieve secret", "namespace not found", "TaskFailedToStart",
    ];

    public override string Title => "ECS services run their desired task count with no start-up failures";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "A service below its desired count, or whose tasks stop while starting, is not serving; the stop reason usually names a configuration defect (secret, KMS, log group, namespace, image) that the other controls explain.";
    public override string Remediation => "Read the stopped tasks' stoppedReason (aws ecs describe-tasks --desired-status STOPPED); fix what it names, e.g. grant the execution role secretsmanager:GetSecretValue and kms:Decrypt, create the log group or the Cloud Map namespace, then redeploy (force_new_deployment = true).";

    // Availability of the application, not a safeguard the Security Rule names.
    public override IReadOnlyList<string> Hipaa => [];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override IEnumerable<Fact> MoreFacts(EvaluationContext context) => [Fact.Of(context.Snapshot.StoppedTasks)];

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override Finding Judge(EvaluationContext context, Service service)
    {
        var primary = service.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        var failedStarts = context.Snapshot.StoppedTasks.Value!
            .Where(t => t.Group == "service:" + service.ServiceName)
            .Select(t => (Task: t, Reason: StartupFailure(t)))
            .Where(t => t.Reason is not null)
            .ToList();
        if (service.DesiredCount is null || service.RunningCount is null)
        {
            return Unreported(context, service.ServiceArn, $"ECS service {service.ServiceName}", service.DesiredCount is null ? "desiredCount" : "runningCount");
        }

        var problems = new List<string>();
        if (service.RunningCount < service.DesiredCount)
        {
            problems.Add($"runs {service.RunningCount} of {service.DesiredCount} desired tasks");
        }

        if (primary?.RolloutState == "FAILED")
        {
            problems.Add($"its deployment {primary.Id} failed ({primary.RolloutStateReason ?? "no reason given"})");
        }

        if (failedStarts.Count > 0)
        {
            problems.Add($"{failedStarts.Count} recently stopped task(s) failed to start: {failedStarts[0].Reason}");
        }

        var evidence = Evidence.Of(
            ("desiredCount", service.DesiredCount),
            ("runningCount", service.RunningCount),
            ("primaryDeployment.rolloutState", primary?.RolloutState),
            ("failedStarts", failedStarts.Select(t => $"{TaskId(t.Task.TaskArn)}: {t.Reason}")));
        return problems.Count == 0
            ? Pass(context, service.ServiceArn, $"ECS service {service.ServiceName} runs {service.RunningCount} of {service.DesiredCount} desired tasks with no start-up failures.", evidence)
            : Fail(context, service.ServiceArn, $"ECS service {service.ServiceName} is unhealthy: {string.Join("; ", problems)}.", evidence);
    }

    private static string? StartupFailure(EcsTask task)
    {
        var reasons = task.Containers.Select(c => c.Reason).Prepend(task.StoppedReason).OfType<string>().ToList();
        var match = reasons.FirstOrDefault(r => StartupErrors.Any(e => r.Contains(e, StringComparison.OrdinalIgnoreCase)));
        return match ?? (task.StopCode == "TaskFailedToStart" ? reasons.FirstOrDefault() ?? "TaskFailedToStart" : null);
    }

    private static string TaskId(string arn) => arn[(arn.LastIndexOf('/') + 1)..];
}
