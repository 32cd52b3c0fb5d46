using System.Globalization;
using System.Xml.Linq;

namespace Verification.Probes.Aws.Transport;

/// <summary>Local-name XML access: AWS puts a default namespace on every response, and it differs per service (and http vs https).</summary>
public static class Xml
{
    /// <summary>The first child named <paramref name="name"/>, or null.</summary>
    public static XElement? Child(this XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    /// <summary>The items of a list element (e.g. DBInstances/DBInstance, vpcSet/item); empty when the list is absent.</summary>
    public static IEnumerable<XElement> Items(this XElement element, string listName, string itemName) =>
        element.Child(listName)?.Elements().Where(e => e.Name.LocalName == itemName) ?? [];

    /// <summary>The text of a child, or null when absent.</summary>
    public static string? Text(this XElement element, string name) => element.Child(name)?.Value;

    /// <summary>A lowercase true/false child, or null when absent; anything else throws FormatException (MalformedResponse for the call).</summary>
    public static bool? Bool(this XElement element, string name) =>
        element.Text(name) is { } text ? bool.Parse(text) : null;

    /// <summary>An integer child, or null when absent; a value that is not an integer or does not fit throws FormatException.</summary>
    public static int? Int(this XElement element, string name) => element.Text(name) switch
    {
        null => null,
        var text when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
        var text => throw new FormatException($"element {name} should be a 32-bit integer but is \"{text}\""),
    };

    public static double? Double(this XElement element, string name) =>
        element.Text(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>An ISO-8601 timestamp child (Query and EC2 protocols), or null.</summary>
    public static DateTimeOffset? Time(this XElement element, string name) =>
        element.Text(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) : null;

    /// <summary>The strings of a list of simple items.</summary>
    public static List<string> Strings(this XElement element, string listName, string itemName) =>
        [.. element.Items(listName, itemName).Select(e => e.Value)];
}
