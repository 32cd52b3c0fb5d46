using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>A planted secret: a value the sandbox serves that must never appear in a report, log or snapshot.</summary>
/// <param name="Name">What the value is ("db-password", "redis-auth-token").</param>
/// <param name="Value">The secret itself, for scanning output.</param>
public sealed record PlantedSecret(string Name, string Value);

/// <summary>
/// One deployed stack as the sandbox serves it. A file is either a full stack (<c>resources</c> keyed by service, fields
/// named as AWS names them on the wire) or a <c>base</c> scenario plus <c>overrides</c> that plant one defect.
/// </summary>
public sealed class Scenario
{
    private readonly JsonObject _document;

    private Scenario(string name, JsonObject document)
    {
        Name = name;
        _document = document;
        Description = document["description"]?.GetValue<string>() ?? "";
        Base = document["base"]?.GetValue<string>();
        ExpectedFailures = Strings(document["expectedFailures"]);
        Region = document["region"]?.GetValue<string>() ?? throw new ScenarioException($"scenario {name} names no region");
        Account = document["account"]?.GetValue<string>() ?? throw new ScenarioException($"scenario {name} names no account");
        PageSize = document["pageSize"]?.GetValue<int>() ?? 2;
        Resources = document["resources"] as JsonObject ?? throw new ScenarioException($"scenario {name} has no resources");
        Behaviour = document["sandbox"] as JsonObject ?? [];
        Outputs = (document["outputs"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        PlantedSecrets = (document["plantedSecrets"] as JsonArray ?? [])
            .Select(s => new PlantedSecret(s!["name"]!.GetValue<string>(), s["value"]!.GetValue<string>()))
            .ToList();
    }

    /// <summary>The file name without extension ("compliant-rds").</summary>
    public string Name { get; }

    /// <summary>One sentence on the stack and, for a defective scenario, the defect.</summary>
    public string Description { get; }

    /// <summary>The scenario this one was derived from, or null for a full stack.</summary>
    public string? Base { get; }

    /// <summary>The control ids that must fail against this stack; empty for a compliant one.</summary>
    public IReadOnlyList<string> ExpectedFailures { get; }

    /// <summary>The region every resource lives in and requests must be signed for.</summary>
    public string Region { get; }

    /// <summary>The account id in every ARN.</summary>
    public string Account { get; }

    /// <summary>Items per page on every list operation; small so that every client's paging is exercised.</summary>
    public int PageSize { get; }

    /// <summary>The stack outputs (Terraform keys: vpc_id, db_endpoint, ...) a deployment of this stack would print.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; }

    /// <summary>The secrets this stack serves, so tests can prove none of them leaks.</summary>
    public IReadOnlyList<PlantedSecret> PlantedSecrets { get; }

    /// <summary>The resolved resources by service; read-only by convention, fully materialised so concurrent reads are safe.</summary>
    internal JsonObject Resources { get; }

    /// <summary>
    /// How the sandbox behaves where AWS computes an answer from things it does not show (the policy simulator's decisions):
    /// kept apart from <see cref="Resources"/>, which hold only members the AWS models have.
    /// </summary>
    internal JsonObject Behaviour { get; }

    /// <summary>The folder of the scenarios shipped with the sandbox.</summary>
    public static string Directory { get; } =
        Path.Combine(Path.GetDirectoryName(typeof(Scenario).Assembly.Location) ?? AppContext.BaseDirectory, "Scenarios");

    /// <summary>The names of the shipped scenarios, sorted.</summary>
    public static IReadOnlyList<string> Shipped() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads a shipped scenario by name, or a scenario file by path, resolving its base chain.</summary>
    public static Scenario Load(string nameOrPath)
    {
        var path = File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : Path.Combine(Directory, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            throw new ScenarioException($"no scenario '{nameOrPath}': neither a file nor one of {string.Join(", ", Shipped())}");
        }

        var resolved = Resolve(path, []);
        // A round trip through text fully materialises the node tree: lazily built JsonNodes are not safe to read concurrently.
        var frozen = JsonNode.Parse(resolved.ToJsonString())!.AsObject();
        Materialise(frozen);
        RefuseUnknownMembers(Path.GetFileNameWithoutExtension(path), frozen);
        return new Scenario(Path.GetFileNameWithoutExtension(path), frozen);
    }

    private static readonly Lazy<AwsModels?> Models = new(AwsModels.Find);

    /// <summary>A member the AWS model does not have would read as "absent" against real AWS: refuse the scenario, naming it.</summary>
    private static void RefuseUnknownMembers(string name, JsonObject document)
    {
        if (Models.Value?.UnknownMembers(document["resources"] as JsonObject ?? []) is { Count: > 0 } unknown)
        {
            throw new ScenarioException($"scenario {name} carries members the AWS models do not have: {string.Join("; ", unknown.Take(10))}" +
                (unknown.Count > 10 ? $" (and {unknown.Count - 10} more)" : ""));
        }
    }

    /// <summary>
    /// This stack with the Secrets Manager secret <paramref name="arn"/> holding <paramref name="secretString"/> (JSON text
    /// or a plain string) instead, and <paramref name="planted"/> replacing the planted secrets of the same names, so that
    /// scans look for the values actually served. Used to serve the local data-path servers' real credentials.
    /// </summary>
    public Scenario WithSecret(string arn, string secretString, params PlantedSecret[] planted)
    {
        ArgumentNullException.ThrowIfNull(planted);
        var document = JsonNode.Parse(_document.ToJsonString())!.AsObject();
        var secret = (document["resources"]?["secretsmanager"]?["Secrets"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .FirstOrDefault(s => s["ARN"]?.GetValue<string>() == arn)
            ?? throw new ScenarioException($"scenario {Name} serves no secret {arn}");
        secret["SecretString"] = (JsonNode?)ParseObject(secretString) ?? JsonValue.Create(secretString);

        var names = planted.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var kept = PlantedSecrets.Where(p => !names.Contains(p.Name)).Concat(planted);
        document["plantedSecrets"] = new JsonArray([.. kept.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]);
        Materialise(document);
        return new Scenario(Name, document);
    }

    /// <summary>
    /// This stack deployed in account <paramref name="accountId"/> instead: every occurrence of <see cref="Account"/> in the
    /// document (ARNs, owner ids, outputs, the account field itself) becomes <paramref name="accountId"/>.
    /// </summary>
    public Scenario ForAccount(string accountId)
    {
        if (!AccountId.IsMatch(accountId))
        {
            throw new ScenarioException($"'{accountId}' is not an AWS account id (12 digits)");
        }

        var text = _document.ToJsonString().Replace(Account, accountId, StringComparison.Ordinal);
        return FromDocument(Name, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>This stack with <paramref name="role"/> (a GetRole Role shape) added to its IAM roles.</summary>
    internal Scenario WithRole(JsonObject role)
    {
        var document = JsonNode.Parse(_document.ToJsonString())!.AsObject();
        var resources = document["resources"]!.AsObject();
        var iam = resources["iam"] as JsonObject ?? (JsonObject)(resources["iam"] = new JsonObject());
        var roles = iam["Roles"] as JsonArray ?? (JsonArray)(iam["Roles"] = new JsonArray());
        roles.Add(role.DeepClone());
        return FromDocument(Name, document);
    }

    /// <summary>The outputs as one JSON object (output name → value), in the scenario's order.</summary>
    public JsonObject OutputsObject() => new([.. Outputs.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)JsonValue.Create(o.Value)))]);

    /// <summary>A scenario built in code (an organisation's home account), checked against the models like a file.</summary>
    internal static Scenario FromDocument(string name, JsonObject document)
    {
        var frozen = JsonNode.Parse(document.ToJsonString())!.AsObject();
        Materialise(frozen);
        RefuseUnknownMembers(name, frozen);
        return new Scenario(name, frozen);
    }

    private static readonly System.Text.RegularExpressions.Regex AccountId = new("^[0-9]{12}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The node at a scenario path ("/resources/rds/DBInstances/0/PubliclyAccessible"), or null; for tests and tools.</summary>
    public JsonNode? Select(string path) => ScenarioPath.Find(_document, path);

    public override string ToString() => Name;

    private static JsonObject Resolve(string path, HashSet<string> seen)
    {
        if (!seen.Add(path))
        {
            throw new ScenarioException($"scenario {Path.GetFileName(path)} is its own base");
        }

        var document = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
            ?? throw new ScenarioException($"scenario {path} is empty");
        if (document["base"]?.GetValue<string>() is not { } baseName)
        {
            return document;
        }

        var basePath = Path.Combine(Path.GetDirectoryName(path)!, baseName + ".json");
        if (!File.Exists(basePath))
        {
            basePath = Path.Combine(Directory, baseName + ".json");
        }

        if (!File.Exists(basePath))
        {
            throw new ScenarioException($"scenario {Path.GetFileName(path)} names base '{baseName}', which does not exist");
        }

        var merged = Resolve(basePath, seen);
        foreach (var name in new[] { "base", "description", "expectedFailures" })
        {
            merged[name] = document[name]?.DeepClone();
        }

        foreach (var change in document["overrides"] as JsonArray ?? [])
        {
            ScenarioPath.Apply(merged, change!.AsObject(), Path.GetFileName(path));
        }

        return merged;
    }

    private static void Materialise(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialise(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialise(child);
                }

                break;
        }
    }

    private static JsonObject? ParseObject(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToList();
}

/// <summary>A scenario file that cannot be used, with the file and the problem named.</summary>
public sealed class ScenarioException(string message) : Exception(message);
