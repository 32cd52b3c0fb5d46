using System.Text.Json;

namespace Verification.Probes.Outputs;

/// <summary>One key/value found in an outputs file, with what may be shown of the value.</summary>
/// <param name="Text">The value when it is a JSON string.</param>
/// <param name="Literal">The JSON text of a number, boolean or null, safe to quote in a message.</param>
/// <param name="Shown">The value as evidence may show it: masked when secret-looking.</param>
internal sealed record OutputEntry(string File, string Key, JsonValueKind Kind, string? Text, string? Literal, string Shown)
{
    /// <summary>Takes a value out of a parsed document, which is disposed afterwards.</summary>
    public static OutputEntry From(string file, string key, JsonElement value, bool sensitive) => new(
        file,
        key,
        value.ValueKind,
        value.ValueKind == JsonValueKind.String ? value.GetString() : null,
        value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null ? value.GetRawText() : null,
        SecretMask.Show(key, value, sensitive));

    /// <summary>How the value reads in a message about its type.</summary>
    public string DescribeKind() => Kind switch
    {
        JsonValueKind.Number => $"a number ({Literal})",
        JsonValueKind.True or JsonValueKind.False => $"a boolean ({Literal})",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "a string",
    };
}
