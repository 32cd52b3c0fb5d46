using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verification.Sandbox;

/// <summary>One account of an inventory file: how the suite reaches it, and the member the sandbox serves in its place.</summary>
/// <param name="Name">The account's name in the inventory ("dev").</param>
/// <param name="OutputsPaths">Its stack outputs files, resolved against the inventory's folder.</param>
public sealed record InventoryAccount(string Name, string Region, string RoleArn, string? ExternalId, IReadOnlyList<string> OutputsPaths, OrganisationMember Member);

/// <summary>
/// Reads an accounts inventory (sandbox/organisation/inventory.json) into the organisation the sandbox serves for it.
/// The suite's own reader (Verification.Probes.Runs.Inventory) validates the file for a run; this one only takes what
/// the simulated accounts need, so the sandbox host stays free of the suite's code.
/// </summary>
public static class OrganisationInventory
{
    /// <summary>The inventory's accounts, in file order.</summary>
    /// <exception cref="ScenarioException">The file is missing, or an account lacks what the sandbox needs, named.</exception>
    public static IReadOnlyList<InventoryAccount> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ScenarioException($"no inventory at {path}");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var document = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject;
        var accounts = document?["accounts"] as JsonArray ?? throw new ScenarioException($"{path} has no \"accounts\" list");
        return [.. accounts.Select((entry, index) => Account(path, folder, entry as JsonObject ?? [], index))];
    }

    private static InventoryAccount Account(string path, string folder, JsonObject entry, int index)
    {
        string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        string Required(string member) => Text(entry[member]) ?? throw new ScenarioException($"{path}: account {index + 1} has no \"{member}\"");

        var name = Required("name");
        var roleArn = Required("roleArn");
        var sandbox = entry["sandbox"] as JsonObject ?? throw new ScenarioException($"{path}: account {name} has no \"sandbox\" section naming its scenario");
        var scenario = Text(sandbox["scenario"]) ?? throw new ScenarioException($"{path}: account {name} names no sandbox scenario");
        var externalId = Text(entry["externalId"]);
        var member = new OrganisationMember(
            Required("accountId"),
            scenario,
            roleArn[(roleArn.LastIndexOf('/') + 1)..],
            Text(sandbox["trustedPrincipal"]),
            externalId);
        var outputs = (entry["outputs"] as JsonArray ?? []).Select(o => Path.GetFullPath(Path.Combine(folder, Text(o) ?? ""))).ToList();
        return new InventoryAccount(name, Required("region"), roleArn, externalId, outputs, member);
    }
}
