using Verification.Probes.Aws.Model;
using Verification.Probes.Collection;

namespace Verification.Probes.Controls.Containers;

/// <summary>No plain environment variable of a stack task definition carries a credential.</summary>
public sealed class EcsTaskEnvironmentHasNoSecrets : ResourceControl<TaskDefinition>
{
    public override string Title => "ECS task definitions carry no credentials in plain environment variables";
    public override string Area => "Containers";
    public override string Service => "ECS";
    public override Severity Severity => Severity.High;
    public override string Risk => "Plain environment values are readable by anyone allowed ecs:DescribeTaskDefinition, are kept in every revision forever, and bypass the secret's KMS key and rotation: the database password is effectively public inside the account.";
    public override string Remediation => "Move the value to Secrets Manager and reference it from the container's secrets block (secrets = [{ name = \"DB_PASSWORD\", valueFrom = \"<db_secret_arn>:password::\" }]); grant the execution role secretsmanager:GetSecretValue and kms:Decrypt; deregister the revisions that held it and rotate the credential.";
    public override IReadOnlyList<string> Hipaa => ["164.312(a)(1)", "164.312(d)"];
    protected override string ResourceKind => "ECS task definition";

    protected override Fetched<List<TaskDefinition>> Resources(EvaluationContext context) => context.Snapshot.TaskDefinitions;

    protected override string ResourceId(TaskDefinition resource) => resource.TaskDefinitionArn;

    protected override Finding Judge(EvaluationContext context, TaskDefinition definition)
    {
        // The collector judged the raw values (Credential) before dropping them; what is left is judged again, so a
        // definition built without the collector (a test, an older snapshot) is still read. Names only reach a finding.
        List<string> flagged = [.. definition.ContainerDefinitions
            .SelectMany(c => c.Environment.Select(e => (Container: c.Name, e.Name, Why: e.Credential ?? SecretLooking.Why(e.Name, e.Value))))
            .Where(v => v.Why is not null)
            .Select(v => $"{v.Container}/{v.Name} ({v.Why})")];
        var evidence = Evidence.Of(
            ("environmentVariables", TaskDefinitions.EnvironmentNames(definition)),
            ("secretsFromSecretsManager", definition.ContainerDefinitions.SelectMany(c => c.Secrets.Select(s => $"{c.Name}/{s.Name}"))),
            ("flagged", flagged));
        var name = TaskDefinitions.Name(definition);
        return flagged.Count == 0
            ? Pass(context, definition.TaskDefinitionArn, $"ECS task definition {name} keeps no credential in plain environment variables.", evidence)
            : Fail(context, definition.TaskDefinitionArn, $"ECS task definition {name} holds credentials in plain environment variables: {string.Join(", ", flagged)}.", evidence);
    }
}
