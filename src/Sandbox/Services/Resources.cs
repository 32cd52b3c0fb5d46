using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>Reading the scenario's resources and building outputs, shared by every handler.</summary>
internal static class Resources
{
    /// <summary>The items of list <paramref name="list"/> of <paramref name="service"/>'s resources (none when absent).</summary>
    public static IEnumerable<JsonObject> Items(this ServiceRequest request, string service, string list) =>
        (request.Scenario.Resources[service]?[list] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>A string member of a resource, or null.</summary>
    public static string? Str(this JsonNode? node, string member) =>
        node?[member] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>An output object with its members in the given order, absent (null) ones left out as AWS leaves them out.</summary>
    public static JsonObject Output(params (string Name, JsonNode? Value)[] members)
    {
        var output = new JsonObject();
        foreach (var (name, value) in members)
        {
            if (value is not null)
            {
                output[name] = value;
            }
        }

        return output;
    }

    /// <summary>A copy of <paramref name="item"/> without the named members.</summary>
    public static JsonObject Without(this JsonObject item, params string[] members)
    {
        var copy = item.DeepClone().AsObject();
        foreach (var member in members)
        {
            copy.Remove(member);
        }

        return copy;
    }

    /// <summary>"x*" style matching, as IAM action and resource patterns use it.</summary>
    public static bool Glob(string pattern, string value) =>
        System.Text.RegularExpressions.Regex.IsMatch(
            value,
            "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
