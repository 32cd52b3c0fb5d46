using System.Globalization;
using System.Text.Json;

namespace Verification.Probes.Aws.Transport;

/// <summary>Reads optional members of a JSON 1.1 answer; absent, null or wrongly typed members read as null so unknown shapes never break a parse.</summary>
public static class JsonMembers
{
    /// <summary>The member <paramref name="name"/> when present and not null.</summary>
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? Text(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static int? Int(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static long? Long(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static bool? Bool(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    /// <summary>The items of an array member; empty when absent.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Member(name) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];

    public static List<string> Strings(this JsonElement element, string name) =>
        [.. element.Items(name).Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)];

    /// <summary>A JSON 1.1 timestamp: epoch seconds, possibly fractional or in exponent form (1.715725253713E9).</summary>
    public static DateTimeOffset? EpochSeconds(this JsonElement element, string name)
    {
        if (element.Member(name) is not { ValueKind: JsonValueKind.Number } value)
        {
            return null;
        }

        // decimal keeps the milliseconds that a double would round away in 1.715725253713E9.
        var seconds = decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>A long of epoch milliseconds (CloudWatch Logs creationTime).</summary>
    public static DateTimeOffset? EpochMilliseconds(this JsonElement element, string name) =>
        element.Long(name) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
}
