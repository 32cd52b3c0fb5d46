using Verification.Probes.Aws.Model;
using Verification.Probes.Controls.Containers;

namespace Verification.Probes.Collection;

/// <summary>
/// Strips plain environment values from a task definition as it enters the snapshot, which is saved as evidence and
/// must hold no secret. Each raw value is judged here, once, before it is dropped: the snapshot keeps the variable's
/// name, why it looks like a credential (<see cref="KeyValuePairEntry.Credential"/>) and its connection shape
/// (scheme, host, port, TLS settings), never the value, so a credential no pattern recognises cannot leak either.
/// </summary>
public static class TaskDefinitionMask
{
    /// <summary>The definition with every environment value replaced by its connection shape and a credential flag.</summary>
    public static TaskDefinition WithoutCredentials(TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition with
        {
            ContainerDefinitions = [.. definition.ContainerDefinitions.Select(c => c with
            {
                Environment = [.. c.Environment.Select(e => e with { Value = SecretLooking.Shape(e.Value), Credential = SecretLooking.Why(e.Name, e.Value) })],
            })],
        };
    }
}
