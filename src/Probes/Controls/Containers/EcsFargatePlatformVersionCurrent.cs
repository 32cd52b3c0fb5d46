using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>
/// Every Fargate service (launch type FARGATE, or a FARGATE / FARGATE_SPOT capacity provider) runs platform version
/// LATEST or at least 1.4.0 on Linux (1.0.0 is the current Windows one). Versions before 1.4.0 are retired: no
/// security patches, no encrypted ephemeral storage, no task-ENI traffic to ECR and Secrets Manager. An absent
/// platformVersion on a Fargate service is an Error (AWS always reports it there). Peers: AWS Config
/// <c>ecs-fargate-latest-platform-version</c>, Prowler <c>ecs_service_fargate_latest_platform_version</c>; neither
/// peer's HIPAA mapping lists it, so it is cited like RdsAutoMinorVersionUpgradeEnabled (security updates).
/// </summary>
public sealed class EcsFargatePlatformVersionCurrent : ResourceControl<Service>
{
    /// <summary>The oldest Linux platform version Fargate still patches; every earlier one is retired.</summary>
    private static readonly Version MinimumLinux = new(1, 4, 0);

    /// <summary>Windows Fargate has had one platform version, 1.0.0.</summary>
    private static readonly Version MinimumWindows = new(1, 0, 0);

    public override string Title => "ECS Fargate services run a current platform version";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.Medium;
    public override string Risk => "A pinned, retired Fargate platform version no longer receives kernel and runtime security patches, and lacks encrypted ephemeral storage for what the tasks write.";
    public override string Remediation => "Set platform_version = \"LATEST\" (PlatformVersion: LATEST in CloudFormation, FargatePlatformVersion.LATEST in CDK) on the ECS service, or pin 1.4.0 or later, and redeploy.";
    public override IReadOnlyList<string> Hipaa => ["164.308(a)(5)(ii)(A)"];
    protected override string ResourceKind => "ECS service";

    protected override Fetched<List<Service>> Resources(EvaluationContext context) => context.Snapshot.EcsServices;

    protected override string ResourceId(Service resource) => resource.ServiceArn;

    protected override string? NotApplicableBecause(EvaluationContext context, Service service) =>
        IsFargate(service) || (service.LaunchType is null && service.CapacityProviderStrategy.Count == 0)
            ? null
            : $"ECS service {service.ServiceName} runs on {service.LaunchType ?? string.Join(", ", service.CapacityProviderStrategy.Select(c => c.CapacityProvider))}, not Fargate, so it has no Fargate platform version.";

    protected override string? NoneExpectedBecause(EvaluationContext context) => "No ECS service of the stack runs on Fargate.";

    protected override Finding Judge(EvaluationContext context, Service service)
    {
        if (service.LaunchType is null && service.CapacityProviderStrategy.Count == 0)
        {
            return Unreported(context, service.ServiceArn, $"ECS service {service.ServiceName}", "launchType or capacityProviderStrategy");
        }

        if (service.PlatformVersion is not { } version)
        {
            return Unreported(context, service.ServiceArn, $"Fargate service {service.ServiceName}", "platformVersion");
        }

        var windows = service.PlatformFamily?.StartsWith("WINDOWS", StringComparison.OrdinalIgnoreCase) == true;
        var minimum = windows ? MinimumWindows : MinimumLinux;
        var evidence = Evidence.Of(("platformVersion", version), ("platformFamily", service.PlatformFamily), ("minimum", $"LATEST or {minimum}"));
        var current = version == "LATEST" || (Version.TryParse(version, out var parsed) && parsed >= minimum);
        return current
            ? Pass(context, service.ServiceArn, $"ECS Fargate service {service.ServiceName} runs platform version {version}.", evidence)
            : Fail(context, service.ServiceArn, $"ECS Fargate service {service.ServiceName} runs platform version {version}, older than {minimum}.", evidence);
    }

    private static bool IsFargate(Service service) =>
        service.LaunchType == "FARGATE" || service.CapacityProviderStrategy.Any(c => c.CapacityProvider is "FARGATE" or "FARGATE_SPOT");
}
