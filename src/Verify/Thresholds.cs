using System.Globalization;
using System.Text.Json;

namespace Verification.Verify;

/// <summary>Reads a thresholds file: a JSON object of runsettings policy names to values.</summary>
internal static class Thresholds
{
    private static IReadOnlyList<string> Names => Probes.Runs.RunSettings.PolicyNames;

    public static IEnumerable<(string Name, string Value)> Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--thresholds {path}: expected a JSON object such as {{\"MinLogRetentionDays\": 90}}, found: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new UsageException($"--thresholds {path}: expected a JSON object such as {{\"MinLogRetentionDays\": 90}}.");
            }

            var values = new List<(string, string)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = Names.FirstOrDefault(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new UsageException($"--thresholds {path}: unknown threshold '{property.Name}'; known: {string.Join(", ", Names)}.");
                values.Add((name, property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText().ToLower(CultureInfo.InvariantCulture)));
            }

            return values;
        }
    }
}
