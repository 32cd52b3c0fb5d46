using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>Masks credentials in plain environment values of a task definition: the snapshot is saved as evidence and must hold no secret.</summary>
public static class TaskDefinitionMask
{
    /// <summary>The definition with every secret-looking environment value masked.</summary>
    public static TaskDefinition WithoutCredentials(TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            ContainerDefinitions = [.. definition.ContainerDefinitions.Select(c => c with
            {
                Environment = [.. c.Environment.Select(e => e with { Value = Controls.Containers.SecretLooking.Mask(e.Name, e.Value) })],
            })],
        };
    }
}
