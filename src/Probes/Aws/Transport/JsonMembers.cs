using System.Globalization;
using System.Text.Json;

namespace Verification.Probes.Aws.Transport;

/// <summary>
/// Reads optional members of a JSON 1.1 answer: absent or null members read as null; a member of the wrong type or a
/// number that does not fit throws <see cref="FormatException"/>, which the transport reports as MalformedResponse for
/// the call (a "1.5" or "30" retentionInDays must never read as "never expire").
/// </summary>
public static class JsonMembers
{
    /// <summary>The member <paramref name="name"/> when present and not null.</summary>
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string? Text(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        var other => throw WrongType(name, "a string", other.Value),
    };

    public static int? Int(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
        var other => throw WrongType(name, "a 32-bit integer", other.Value),
    };

    public static long? Long(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        var other => throw WrongType(name, "a 64-bit integer", other.Value),
    };

    public static double? Double(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetDouble(out var number) => number,
        var other => throw WrongType(name, "a number", other.Value),
    };

    public static bool? Bool(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True or JsonValueKind.False } value => value.GetBoolean(),
        var other => throw WrongType(name, "a boolean", other.Value),
    };

    /// <summary>The items of an array member; empty when absent.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) => element.Member(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray(),
        var other => throw WrongType(name, "an array", other.Value),
    };

    public static List<string> Strings(this JsonElement element, string name) =>
        [.. element.Items(name).Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)];

    /// <summary>A JSON 1.1 timestamp: epoch seconds, possibly fractional or in exponent form (1.715725253713E9).</summary>
    public static DateTimeOffset? EpochSeconds(this JsonElement element, string name)
    {
        if (element.Member(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, "a number of epoch seconds", value);
        }

        // decimal keeps the milliseconds that a double would round away in 1.715725253713E9.
        var seconds = decimal.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>A long of epoch milliseconds (CloudWatch Logs creationTime).</summary>
    public static DateTimeOffset? EpochMilliseconds(this JsonElement element, string name) =>
        element.Long(name) is { } milliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;

    private static FormatException WrongType(string name, string expected, JsonElement value) =>
        new($"member {name} should be {expected} but is {value.ValueKind} {Truncate(value.GetRawText())}");

    private static string Truncate(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";
}
