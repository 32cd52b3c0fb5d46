using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>The connection settings a stack task definition passes to its application ask for TLS.</summary>
public sealed class EcsTaskEnvironmentRequiresTls : ResourceControl<TaskDefinition>
{
    public override string Title => "ECS task environments configure database, cache and HTTP connections for TLS";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "With transit encryption on the server but redis:// or sslmode=disable in the app, the app either cannot connect or, where the server still accepts plaintext, sends ePHI and credentials unencrypted across the VPC.";
    public override string Remediation => "Configure the application for TLS: rediss://host:6379 for Redis, sslmode=verify-full (Npgsql: SSL Mode=VerifyFull) for PostgreSQL, https:// for the ALB; set these in the task definition's environment (or in the secret) of the container.";
    public override IReadOnlyList<string> Hipaa => ["164.312(e)(1)", "164.312(e)(2)(ii)"];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        var flagged = TaskDefinitions.FlaggedEnvironment(definition, (_, value) => PlaintextConnection.Why(value, context.Snapshot));
        var evidence = Evidence.Of(("flagged", flagged), ("environmentVariables", TaskDefinitions.EnvironmentNames(definition)));
        var name = TaskDefinitions.Name(definition);
        return flagged.Count == 0
            ? Pass(context, definition.TaskDefinitionArn, $"ECS task definition {name} passes no plaintext connection setting in its environment.", evidence)
            : Fail(context, definition.TaskDefinitionArn, $"ECS task definition {name} configures plaintext connections: {string.Join(", ", flagged)}.", evidence);
    }
}
