using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Verification.Sandbox.Protocol;

/// <summary>Cuts a list into pages with an opaque continuation token, the same way for every service's marker or token.</summary>
internal static class Paging
{
    /// <summary>One page of <paramref name="items"/> (copies, so they can join a response) and the token of the next, or null on the last.</summary>
    /// <param name="token">The token from the previous page, or null for the first.</param>
    /// <param name="requested">The caller's MaxRecords/MaxResults/limit, honoured when smaller than the scenario's page size.</param>
    /// <param name="invalidTokenCode">The error code this service uses for a token it did not issue.</param>
    public static (JsonArray Page, string? Next) Slice(ServiceRequest request, IEnumerable<JsonNode> items, string? token, int? requested, string invalidTokenCode)
    {
        var all = items.ToList();
        var start = token is null ? 0 : Decode(request.Action, token) ?? throw new AwsError(invalidTokenCode, "The pagination token is invalid.");
        var size = Math.Max(1, Math.Min(request.Scenario.PageSize, requested is > 0 ? requested.Value : int.MaxValue));
        var page = new JsonArray(all.Skip(start).Take(size).Select(n => n.DeepClone()).ToArray());
        var next = start + size < all.Count ? Encode(request.Action, start + size) : null;
        return (page, next);
    }

    // The token carries the operation so that a token from one list cannot silently page another.
    private static string Encode(string action, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{action}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static int? Decode(string action, string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(action + ":", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(action.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                ? offset
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
