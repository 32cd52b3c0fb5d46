using System.Xml.Linq;

namespace Verification.Probes.Tests.Aws.Query;

/// <summary>Reads the copied wire samples and derives paged variants of them.</summary>
internal static class WireSample
{
    /// <summary>The text of Aws/WireSamples/<paramref name="service"/>/<paramref name="file"/> from the test output directory.</summary>
    public static string Read(string service, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Aws", "WireSamples", service, file));

    /// <summary>The RequestId an AWS Query body carries (in ResponseMetadata or the ErrorResponse), or null.</summary>
    public static string? RequestId(string body) =>
        body.TrimStart().StartsWith('<')
            ? XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value
            : null;

    /// <summary>Sets (or adds, first in the OpResult) the result element <paramref name="name"/>.</summary>
    public static string SetInResult(string body, string name, string value)
    {
        var document = XDocument.Parse(body);
        var result = Result(document);
        var existing = result.Elements().FirstOrDefault(e => e.Name.LocalName == name);
        if (existing is null)
        {
            result.AddFirst(new XElement(result.Name.Namespace + name, value));
        }
        else
        {
            existing.Value = value;
        }

        return document.ToString();
    }

    /// <summary>Keeps only the items of the result list <paramref name="listName"/> whose index falls in <paramref name="keep"/>.</summary>
    public static string KeepItems(string body, string listName, Range keep)
    {
        var document = XDocument.Parse(body);
        var list = Result(document).Elements().First(e => e.Name.LocalName == listName);
        var items = list.Elements().ToList();
        var (offset, length) = keep.GetOffsetAndLength(items.Count);
        foreach (var item in items.Where((_, index) => index < offset || index >= offset + length))
        {
            item.Remove();
        }

        return document.ToString();
    }

    /// <summary>Splits a sample's list into a first page (first item plus a marker) and a last page (the rest).</summary>
    public static (string First, string Last) SplitPages(string body, string listName, string markerElement, string marker) =>
        (SetInResult(KeepItems(body, listName, ..1), markerElement, marker), KeepItems(body, listName, 1..));

    /// <summary>Decodes an application/x-www-form-urlencoded body.</summary>
    public static IReadOnlyDictionary<string, string> Form(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => pair.Length > 1 ? Uri.UnescapeDataString(pair[1].Replace('+', ' ')) : "", StringComparer.Ordinal);

    private static XElement Result(XDocument document) =>
        document.Root!.Elements().First(e => e.Name.LocalName.EndsWith("Result", StringComparison.Ordinal));
}
