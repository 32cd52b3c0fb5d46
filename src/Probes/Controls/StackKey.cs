using Verification.Probes.Collection;

namespace Verification.Probes.Controls;

/// <summary>
/// Decides whether a KMS key reference names the stack's key. APIs report keys as a key id, a key ARN, an alias name
/// or an alias ARN; all four are resolved to the key id before comparing.
/// </summary>
public sealed class StackKey(StackSnapshot snapshot)
{
    /// <summary>The stack key's id, from DescribeKey when it succeeded, else from the kms_key_arn output.</summary>
    public string KeyId => snapshot.Key.Value?.KeyId ?? IdOf(snapshot.Outputs.KmsKeyArn) ?? "";

    /// <summary>The key id a reference resolves to, or null when it is an alias the account does not have.</summary>
    public string? Resolve(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        var aliasName = reference.StartsWith("alias/", StringComparison.Ordinal) ? reference
            : reference.Contains(":alias/", StringComparison.Ordinal) ? reference[(reference.IndexOf(":alias/", StringComparison.Ordinal) + 1)..]
            : null;
        if (aliasName is not null)
        {
            return snapshot.Aliases.Value?.FirstOrDefault(a => a.AliasName == aliasName)?.TargetKeyId;
        }

        return IdOf(reference);
    }

    /// <summary>True when <paramref name="reference"/> names the stack key.</summary>
    public bool IsStackKey(string? reference) => Resolve(reference) is { } id && string.Equals(id, KeyId, StringComparison.OrdinalIgnoreCase);

    private static string? IdOf(string reference)
    {
        var slash = reference.LastIndexOf(":key/", StringComparison.Ordinal);
        return slash >= 0 ? reference[(slash + 5)..] : reference.Length > 0 ? reference : null;
    }
}
