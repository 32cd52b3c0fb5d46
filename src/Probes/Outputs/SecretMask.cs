using System.Text;
using System.Text.Json;

namespace Verification.Probes.Outputs;

/// <summary>Decides which output values are secret-looking, so they never reach evidence or messages.</summary>
internal static class SecretMask
{
    /// <summary>What a secret-looking value is replaced with.</summary>
    public const string Masked = "****";

    /// <summary>What Pulumi writes instead of a secret output unless run with --show-secrets; it reveals nothing, so it is kept.</summary>
    public const string PulumiSecret = "[secret]";

    // Compared against the normalised key, so db_password, DbPassword and DB_PASSWORD all count.
    private static readonly string[] SecretWords = ["password", "secretstring", "token", "auth", "privatekey"];

    /// <summary>Whether a key names something secret (password, secret_string, token, auth, private_key).</summary>
    public static bool IsSecretKey(string key)
    {
        var normalised = OutputKey.Normalise(key);
        return SecretWords.Any(normalised.Contains);
    }

    /// <summary>The value as evidence may show it.</summary>
    public static string Show(string key, JsonElement value, bool sensitive)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() == PulumiSecret)
        {
            return PulumiSecret;
        }

        if (sensitive || IsSecretKey(key) || HoldsSecret(value))
        {
            return Masked;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : Compact(value);
    }

    // Written by hand rather than JsonSerializer so trimmed or AOT hosts, where reflection serialization is off, still work.
    private static string Compact(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // A structured output (Terraform object, Pulumi map) may carry a password inside; masking the whole value is the safe side.
    private static bool HoldsSecret(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(p => IsSecretKey(p.Name) || HoldsSecret(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HoldsSecret),
        JsonValueKind.String => value.GetString()!.Contains("PRIVATE KEY-----", StringComparison.Ordinal),
        _ => false,
    };
}
