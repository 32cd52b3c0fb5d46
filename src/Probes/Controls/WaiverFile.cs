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
    /// <summary>Refuses a waiver whose expiry lies more than <see cref="Policy.MaxWaiverDays"/> after the run, naming each one.</summary>
    public static void RequireWithinCap(Policy policy, DateTimeOffset runStart, string? path)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var cap = DateOnly.FromDateTime(runStart.UtcDateTime).AddDays(policy.MaxWaiverDays);
        var tooLong = policy.Waivers.Where(w => w.Expires > cap).ToList();
        if (tooLong.Count > 0)
        {
            throw new WaiverException($"Waivers file {path}: {string.Join("; ", tooLong.Select(w => $"{w.Control} on {w.Resource} expires {w.Expires:yyyy-MM-dd}"))}, " +
                $"after {cap:yyyy-MM-dd}, more than MaxWaiverDays ({policy.MaxWaiverDays}) after the run; shorten the waiver or raise MaxWaiverDays in the settings.");
        }
    }

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

        var waiver = new Waiver(control, Field("resource"), Field("justification"), date, Field("approver"));
        if (waiver.Resource.Trim('*').Length == 0)
        {
            throw new WaiverException($"Waivers file {path}, waiver #{index + 1} ({control}): \"resource\" '{waiver.Resource}' waives every resource; name the resource (an ARN or id, '*' only inside it).");
        }

        return waiver;
    }
}
