using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>
/// The official AWS API models (botocore's service-2.json, in the shared aws-models folder), used to refuse a scenario
/// that carries a member AWS does not have: a misspelt or invented name would read as "absent" against real AWS, so a
/// sandbox that served it would prove nothing.
/// </summary>
public sealed class AwsModels
{
    // Scenario service keys (the endpoint prefix) → the model folder the SDKs use.
    private static readonly Dictionary<string, string> Folders = new(StringComparer.Ordinal)
    {
        ["elasticloadbalancing"] = "elbv2",
    };

    private readonly string _folder;
    private readonly Dictionary<string, JsonObject?> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Service, string Key), Dictionary<string, List<string>>> _itemMembers = [];
    private readonly Lock _lock = new();

    private AwsModels(string folder) => _folder = folder;

    /// <summary>The models beside the repository (../shared/aws-models), or VERIFY_AWS_MODELS; null when neither exists.</summary>
    public static AwsModels? Find()
    {
        if (Environment.GetEnvironmentVariable("VERIFY_AWS_MODELS") is { Length: > 0 } configured && System.IO.Directory.Exists(configured))
        {
            return new AwsModels(configured);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "aws-models");
                return System.IO.Directory.Exists(shared) ? new AwsModels(shared) : null;
            }
        }

        return null;
    }

    /// <summary>Every member of <paramref name="resources"/> (a scenario's resources by service) that its service's model does not have.</summary>
    public IReadOnlyList<string> UnknownMembers(JsonObject resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var problems = new List<string>();
        foreach (var (service, lists) in resources)
        {
            if (Model(service) is not { } model)
            {
                problems.Add($"/resources/{service}: no AWS model for this service");
                continue;
            }

            var shapes = model["shapes"]!.AsObject();
            foreach (var (key, value) in lists as JsonObject ?? [])
            {
                var members = ItemMembersOf(service, model, key);
                var items = value is JsonArray array ? array.OfType<JsonObject>() : value is JsonObject single ? [single] : [];
                foreach (var (item, index) in items.Select((item, i) => (item, i)))
                {
                    foreach (var (name, member) in item)
                    {
                        var path = $"/resources/{service}/{key}/{index}/{name}";
                        if (members.TryGetValue(name, out var candidates) || (IsStructure(shapes, name, out var structure) && (candidates = [structure]) is not null))
                        {
                            // Several outputs may carry a member of this name with different shapes (GuardDuty's "features" is a
                            // detector's and an organization's): the item is fine when it fits one of them.
                            var fitting = candidates.Where(shape => Fits(shapes, shape, member)).DefaultIfEmpty(candidates[0]);
                            var attempts = fitting.Select(shape => { var found = new List<string>(); Check(shapes, shape, member, path, found); return found; }).ToList();
                            problems.AddRange(attempts.FirstOrDefault(a => a.Count == 0) ?? attempts[0]);
                        }
                        else
                        {
                            problems.Add($"{path}: not a member of any {service} output shape");
                        }
                    }
                }
            }
        }

        return problems;
    }

    private Dictionary<string, List<string>> ItemMembersOf(string service, JsonObject model, string key)
    {
        lock (_lock)
        {
            if (!_itemMembers.TryGetValue((service, key), out var members))
            {
                members = ItemMembers(model, key);
                _itemMembers[(service, key)] = members;
            }

            return members;
        }
    }

    /// <summary>
    /// What an item of the scenario list <paramref name="key"/> may carry: the element shape of any output list named so,
    /// plus every member of every output (and of the structures those outputs hold), because one scenario item answers
    /// several operations (Describe…, Get…Policy, Get…Status).
    /// </summary>
    private static Dictionary<string, List<string>> ItemMembers(JsonObject model, string key)
    {
        var shapes = model["shapes"]!.AsObject();
        var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var operation in model["operations"]!.AsObject().Select(o => o.Value!.AsObject()))
        {
            if (operation["output"]?["shape"]?.GetValue<string>() is not { } output)
            {
                continue;
            }

            foreach (var (name, shape) in Members(shapes, output))
            {
                Add(members, name, shape);
                var target = shapes[shape]!.AsObject();
                if (target["type"]?.GetValue<string>() == "list" && name == key && target["member"]?["shape"]?.GetValue<string>() is { } element)
                {
                    foreach (var (inner, innerShape) in Members(shapes, element))
                    {
                        // The list's own element shape is the first candidate for its members.
                        members.Remove(inner, out var others);
                        members[inner] = [innerShape, .. (others ?? []).Where(o => o != innerShape)];
                    }
                }
                else if (target["type"]?.GetValue<string>() == "structure")
                {
                    foreach (var (inner, innerShape) in Members(shapes, shape))
                    {
                        Add(members, inner, innerShape);
                    }
                }
            }
        }

        return members;
    }

    // Whether the value is of the shape's kind: an object for a structure or map, an array for a list, a scalar otherwise.
    private static bool Fits(JsonObject shapes, string shape, JsonNode? value) => (shapes[shape]?["type"]?.GetValue<string>(), value) switch
    {
        ("structure" or "map", JsonObject) => true,
        ("list", JsonArray or JsonObject) => true,
        ("structure" or "map" or "list", _) => false,
        (_, JsonObject or JsonArray) => false,
        _ => true,
    };

    private static void Add(Dictionary<string, List<string>> members, string name, string shape)
    {
        if (!members.TryGetValue(name, out var shapes))
        {
            members[name] = [shape];
        }
        else if (!shapes.Contains(shape))
        {
            shapes.Add(shape);
        }
    }

    /// <summary>A structure's members by name and by wire name (locationName), each with its shape.</summary>
    private static IEnumerable<(string Name, string Shape)> Members(JsonObject shapes, string shape)
    {
        foreach (var (name, member) in shapes[shape]?["members"] as JsonObject ?? [])
        {
            var memberShape = member!["shape"]!.GetValue<string>();
            yield return (name, memberShape);
            if (member["locationName"]?.GetValue<string>() is { } wire && wire != name)
            {
                yield return (wire, memberShape);
            }
        }
    }

    private static bool IsStructure(JsonObject shapes, string name, out string shape)
    {
        shape = name;
        return shapes[name]?["type"]?.GetValue<string>() == "structure";
    }

    private static void Check(JsonObject shapes, string shape, JsonNode? value, string path, List<string> problems)
    {
        var definition = shapes[shape]!.AsObject();
        switch (definition["type"]?.GetValue<string>(), value)
        {
            case ("structure", JsonObject structure):
                var members = Members(shapes, shape).GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.First().Shape, StringComparer.Ordinal);
                foreach (var (name, member) in structure)
                {
                    if (members.TryGetValue(name, out var memberShape))
                    {
                        Check(shapes, memberShape, member, $"{path}/{name}", problems);
                    }
                    else
                    {
                        problems.Add($"{path}/{name}: not a member of {shape}");
                    }
                }

                break;
            case ("list", JsonArray list):
                var element = definition["member"]!["shape"]!.GetValue<string>();
                foreach (var (item, index) in list.Select((item, i) => (item, i)))
                {
                    Check(shapes, element, item, $"{path}/{index}", problems);
                }

                break;
            case ("list", JsonObject one):
                // A flattened single-element list written as the element itself.
                Check(shapes, definition["member"]!["shape"]!.GetValue<string>(), one, path, problems);
                break;
            case ("map", JsonObject map):
                var valueShape = definition["value"]!["shape"]!.GetValue<string>();
                foreach (var (name, item) in map)
                {
                    Check(shapes, valueShape, item, $"{path}/{name}", problems);
                }

                break;
        }
    }

    private JsonObject? Model(string service)
    {
        lock (_lock)
        {
            if (!_loaded.TryGetValue(service, out var model))
            {
                var file = Path.Combine(_folder, Folders.GetValueOrDefault(service, service), "service-2.json");
                model = File.Exists(file) ? JsonNode.Parse(File.ReadAllText(file))!.AsObject() : null;
                _loaded[service] = model;
            }

            return model;
        }
    }
}
