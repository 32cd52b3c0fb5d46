using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>
/// JSON-pointer paths into a scenario, with one addition so overrides survive reordering: a segment
/// <c>Key=value</c> selects the array element whose member Key equals value ("DBInstanceIdentifier=healthcare-db-dev").
/// As in RFC 6901, "~1" stands for "/" and "~0" for "~".
/// </summary>
internal static class ScenarioPath
{
    /// <summary>The node at <paramref name="path"/>, or null when any segment is missing.</summary>
    public static JsonNode? Find(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var segment in Segments(path))
        {
            node = node is null ? null : Child(node, segment);
        }

        return node;
    }

    /// <summary>Applies one override: {"set": path, "value": v}, {"remove": path} or {"append": path, "value": v}.</summary>
    public static void Apply(JsonObject root, JsonObject change, string file)
    {
        var (op, path) = change["set"] is { } set ? ("set", set.GetValue<string>())
            : change["remove"] is { } remove ? ("remove", remove.GetValue<string>())
            : change["append"] is { } append ? ("append", append.GetValue<string>())
            : throw new ScenarioException($"{file}: an override needs one of set, remove, append: {change.ToJsonString()}");
        var segments = Segments(path);
        var parent = segments.SkipLast(1).Aggregate((JsonNode?)root, (node, segment) => node is null ? null : Child(node, segment))
            ?? throw new ScenarioException($"{file}: {op} {path}: the parent does not exist");
        var last = segments[^1];
        var value = change["value"]?.DeepClone();
        switch (op, parent)
        {
            case ("append", _):
                (Child(parent, last) as JsonArray ?? throw new ScenarioException($"{file}: append {path}: not an array")).Add(value);
                break;
            case ("set", JsonObject obj):
                obj[last] = value;
                break;
            case ("set", JsonArray array):
                array[Index(array, last) ?? throw new ScenarioException($"{file}: set {path}: no such element")] = value;
                break;
            case ("remove", JsonObject obj):
                if (!obj.Remove(last))
                {
                    throw new ScenarioException($"{file}: remove {path}: nothing there");
                }

                break;
            case ("remove", JsonArray array):
                array.RemoveAt(Index(array, last) ?? throw new ScenarioException($"{file}: remove {path}: no such element"));
                break;
            default:
                throw new ScenarioException($"{file}: {op} {path}: the parent is a value");
        }
    }

    private static string[] Segments(string path) =>
        path.TrimStart('/').Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Child(JsonNode node, string segment) => node switch
    {
        JsonObject obj => obj[segment],
        JsonArray array => Index(array, segment) is { } i ? array[i] : null,
        _ => null,
    };

    private static int? Index(JsonArray array, string segment)
    {
        if (int.TryParse(segment, out var index))
        {
            return index >= 0 && index < array.Count ? index : null;
        }

        var equals = segment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return null;
        }

        var (key, wanted) = (segment[..equals], segment[(equals + 1)..]);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item && item[key] is JsonValue v && v.ToString() == wanted)
            {
                return i;
            }
        }

        return null;
    }
}
