using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>What one request carried: its service (signing name), action, protocol and top-level parameter names.</summary>
/// <param name="Names">Query form keys ("Filter.1.Name", "Marker") or JSON body members, as sent.</param>
public sealed record RequestMembers(string Service, string Action, string Protocol, IReadOnlyList<string> Names);

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
    private readonly Dictionary<string, OutputIndex> _indexes = new(StringComparer.Ordinal);
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
                        if (members.TryGetValue(name, out var candidates) || IsStructure(shapes, name, out candidates))
                        {
                            CheckAny(shapes, candidates, member, path, problems);
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
                var index = _indexes.TryGetValue(service, out var found) ? found : _indexes[service] = OutputIndex.Of(model);
                members = index.ItemMembers(model["shapes"]!.AsObject(), key);
                _itemMembers[(service, key)] = members;
            }

            return members;
        }
    }

    /// <summary>
    /// Every output member of a service, built in one pass over its operations: what an item of a scenario list may
    /// carry is the element shape of any output list of that name first, then every member of every output (and of the
    /// structures those outputs hold), because one scenario item answers several operations (Describe…, Get…Policy).
    /// One wire name can belong to several outputs with different shapes (EC2's entrySet): any of them may be meant.
    /// </summary>
    private sealed record OutputIndex(Dictionary<string, List<string>> OutputMembers, Dictionary<string, List<string>> ListElements)
    {
        public static OutputIndex Of(JsonObject model)
        {
            var shapes = model["shapes"]!.AsObject();
            var members = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var operation in model["operations"]!.AsObject().Select(o => o.Value!.AsObject()))
            {
                if (operation["output"]?["shape"]?.GetValue<string>() is not { } output)
                {
                    continue;
                }

                foreach (var (name, shape) in AwsModels.Members(shapes, output))
                {
                    Add(members, name, shape);
                    var target = shapes[shape]!.AsObject();
                    if (target["type"]?.GetValue<string>() == "list" && target["member"]?["shape"]?.GetValue<string>() is { } element)
                    {
                        Add(lists, name, element);
                    }
                    else if (target["type"]?.GetValue<string>() == "structure")
                    {
                        foreach (var (inner, innerShape) in AwsModels.Members(shapes, shape))
                        {
                            Add(members, inner, innerShape);
                        }
                    }
                }
            }

            return new OutputIndex(members, lists);
        }

        public Dictionary<string, List<string>> ItemMembers(JsonObject shapes, string key)
        {
            var item = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var element in ListElements.GetValueOrDefault(key) ?? [])
            {
                foreach (var (name, shape) in AwsModels.Members(shapes, element))
                {
                    Add(item, name, shape);
                }
            }

            foreach (var (name, shapesOfName) in OutputMembers)
            {
                foreach (var shape in shapesOfName)
                {
                    Add(item, name, shape);
                }
            }

            return item;
        }

        private static void Add(Dictionary<string, List<string>> into, string name, string shape)
        {
            var list = into.TryGetValue(name, out var found) ? found : into[name] = [];
            if (!list.Contains(shape))
            {
                list.Add(shape);
            }
        }
    }

    /// <summary>Checks <paramref name="value"/> against the first candidate shape it fits; reports the first candidate's problems when none fits.</summary>
    private static void CheckAny(JsonObject shapes, List<string> candidates, JsonNode? value, string path, List<string> problems)
    {
        // An object is judged against the candidates that have members when there are any; a text document only otherwise.
        var typed = value is JsonObject or JsonArray
            ? candidates.Where(c => shapes[c]?["type"]?.GetValue<string>() is "structure" or "list" or "map").ToList()
            : [];
        List<string>? first = null;
        foreach (var shape in typed.Count > 0 ? typed : candidates)
        {
            var found = new List<string>();
            Check(shapes, shape, value, path, found);
            if (found.Count == 0)
            {
                return;
            }

            first ??= found;
        }

        problems.AddRange(first ?? []);
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

    private static bool IsStructure(JsonObject shapes, string name, out List<string> shape)
    {
        shape = [name];
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
            case ("string", JsonObject or JsonArray):
                // A JSON document the wire carries as text (a policy, a SecretString): the scenario keeps it readable.
                break;
            case (not ("structure" or "list" or "map"), JsonObject or JsonArray):
                problems.Add($"{path}: {shape} is a {definition["type"]}, not an object or a list");
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

    /// <summary>Every parameter of <paramref name="request"/> that its operation's input shape does not have (the first segment of a Query key: "Filter.1.Name" is Filter).</summary>
    public IReadOnlyList<string> UnknownParameters(RequestMembers request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Model(request.Service) is not { } model)
        {
            return [$"{request.Service}:{request.Action}: no AWS model for this service"];
        }

        var shapes = model["shapes"]!.AsObject();
        var operation = OperationOf(request.Service, request.Action);
        var input = model["operations"]?[operation]?["input"]?["shape"]?.GetValue<string>();
        if (model["operations"]?[operation] is null)
        {
            return [$"{request.Service}:{request.Action}: no such operation in the model"];
        }

        // Query names a member by its name or locationName; the EC2 protocol by queryName, else the capitalised locationName.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, member) in input is null ? [] : shapes[input]?["members"] as JsonObject ?? [])
        {
            names.Add(name);
            foreach (var alias in new[] { member?["locationName"]?.GetValue<string>(), member?["queryName"]?.GetValue<string>() }.OfType<string>())
            {
                names.Add(alias);
                names.Add(char.ToUpperInvariant(alias[0]) + alias[1..]);
            }
        }

        return [.. request.Names.Select(n => n.Split('.')[0]).Distinct(StringComparer.Ordinal)
            .Where(n => !names.Contains(n))
            .Select(n => $"{request.Service}:{request.Action} sends {n}, which its input shape {input ?? "(none)"} does not have")];
    }

    // The sandbox names S3 requests by their IAM action, which for these two differs from the operation's name.
    private static string OperationOf(string service, string action) => (service, action) switch
    {
        ("s3", "GetEncryptionConfiguration") => "GetBucketEncryption",
        ("s3", "GetBucketPublicAccessBlock") => "GetPublicAccessBlock",
        _ => action,
    };
}
