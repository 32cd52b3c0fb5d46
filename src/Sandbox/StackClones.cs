using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>
/// Writes one scenario holding many copies of a full stack (environment suffixes s01, s02, ...), each with its own ids,
/// names and CIDRs, plus one outputs file per copy: the account a multi-stack run sees. Generated at test or benchmark
/// time so that no large file is committed.
/// </summary>
public static class StackClones
{
    /// <summary>The scenario file and the outputs files written, one per stack in suffix order.</summary>
    public sealed record Written(string ScenarioPath, IReadOnlyList<string> OutputsPaths);

    /// <summary>Clones the full-stack scenario <paramref name="baseName"/> <paramref name="count"/> times into one account.</summary>
    /// <param name="pageSize">Items per page on every list; AWS's defaults are 50 to 100.</param>
    public static Written Write(string baseName, int count, string directory, int pageSize = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 250);
        var text = File.ReadAllText(Path.Combine(Scenario.Directory, baseName + ".json"));
        var template = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        if (template["base"] is not null)
        {
            throw new ScenarioException($"scenario {baseName} is a defect over a base; clone a full stack (compliant-rds)");
        }

        Directory.CreateDirectory(directory);
        var resources = new JsonObject();
        var behaviour = new JsonObject();
        var outputsPaths = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var suffix = "s" + i.ToString("00", CultureInfo.InvariantCulture);
            var clone = JsonNode.Parse(Rename(template.ToJsonString(), i, suffix))!.AsObject();
            Merge(resources, clone["resources"]!.AsObject());
            Merge(behaviour, clone["sandbox"] as JsonObject ?? []);
            var outputs = clone["outputs"]!.AsObject();
            outputs["environment_suffix"] = suffix;
            var outputsPath = Path.Combine(directory, $"outputs-{suffix}.json");
            File.WriteAllText(outputsPath, outputs.ToJsonString());
            outputsPaths.Add(outputsPath);
        }

        var scenario = new JsonObject
        {
            ["description"] = $"{count} copies of {baseName} in one account",
            ["expectedFailures"] = new JsonArray(),
            ["region"] = template["region"]?.DeepClone(),
            ["account"] = template["account"]?.DeepClone(),
            ["pageSize"] = pageSize,
            ["plantedSecrets"] = template["plantedSecrets"]?.DeepClone(),
            ["resources"] = resources,
            ["sandbox"] = behaviour,
        };
        var scenarioPath = Path.Combine(directory, $"{baseName}-x{count}.json");
        File.WriteAllText(scenarioPath, scenario.ToJsonString());
        return new Written(scenarioPath, outputsPaths);
    }

    // Every id in the shipped stack shares a hex stem, so replacing the stem (same length, still hex) makes each copy's ids unique.
    private static string Rename(string json, int index, string suffix)
    {
        var hex = index.ToString("x4", CultureInfo.InvariantCulture);
        return json
            .Replace("-dev", "-" + suffix, StringComparison.Ordinal)
            .Replace("0a1b2c3d4e5f6", "0a1b2c3d4" + hex, StringComparison.Ordinal)
            .Replace("1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-" + index.ToString("x12", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            // The stack's AWS Backup plan and selection ids end in one shared group, so each copy's plan is its own.
            .Replace("-1c2d3e4f5a6b", "-" + index.ToString("x12", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("ns-abcd1234xmpl5678", "ns-abcd1234xmpl" + index.ToString("0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("\"10.0.", $"\"10.{index.ToString(CultureInfo.InvariantCulture)}.", StringComparison.Ordinal);
    }

    /// <summary>Lists are concatenated, leaving out entries identical to one already there (account-wide data such as engine versions).</summary>
    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (name, value) in from)
        {
            switch (value, into[name])
            {
                case (JsonArray items, JsonArray existing):
                    var seen = existing.Select(e => e?.ToJsonString()).ToHashSet(StringComparer.Ordinal);
                    foreach (var item in items.Where(item => seen.Add(item?.ToJsonString())).ToList())
                    {
                        existing.Add(item?.DeepClone());
                    }

                    break;
                case (JsonObject child, JsonObject existing):
                    Merge(existing, child);
                    break;
                case (_, null):
                    into[name] = value?.DeepClone();
                    break;
            }
        }
    }
}
