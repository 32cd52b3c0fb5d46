using System.Globalization;
using System.Text.Json;

namespace Verification.Probes.Controls;

/// <summary>A waivers file that cannot be used, with one message naming the file, the waiver and what was expected.</summary>
public sealed class WaiverException(string message) : Exception(message);

/// <summary>
/// Reads a waivers file: <c>{"waivers": [{"control", "resource", "justification", "expires": "YYYY-MM-DD", "approver"}]}</c>.
/// Every field is required: a waiver nobody approved or that never ends is not a waiver.
/// </summary>
public static class WaiverFile
{
    public static IReadOnlyList<Waiver> Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WaiverException($"Waivers file {path}: could not be read ({e.Message}).");
        }

        return Parse(path, text);
    }

    public static IReadOnlyList<Waiver> Parse(string path, string text)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new WaiverException($"Waivers file {path}: expected JSON like {{\"waivers\": [...]}}, found invalid JSON ({e.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("waivers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new WaiverException($"Waivers file {path}: expected an object with a \"waivers\" array, found {root.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var known = ControlCatalog.All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return [.. list.EnumerateArray().Select((item, index) => Read(path, index, item, known))];
    }

    private static Waiver Read(string path, int index, JsonElement item, HashSet<string> known)
    {
        string Field(string name)
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw new WaiverException($"Waivers file {path}, waiver #{index + 1}: expected a non-empty string \"{name}\", found {(item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) ? v.ValueKind.ToString().ToLowerInvariant() : "none")}.");
            }

            return value.GetString()!.Trim();
        }

        var control = Field("control");
        if (!known.Contains(control))
        {
            throw new WaiverException($"Waivers file {path}, waiver #{index + 1}: control '{control}' does not exist (see the README's control list).");
        }

        var expires = Field("expires");
        if (!DateOnly.TryParseExact(expires, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new WaiverException($"Waivers file {path}, waiver #{index + 1} ({control}): expected \"expires\" as YYYY-MM-DD, found '{expires}'.");
        }

        return new Waiver(control, Field("resource"), Field("justification"), date, Field("approver"));
    }
}
