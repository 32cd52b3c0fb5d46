using System.Xml;
using System.Xml.Linq;

namespace Verification.Probes.Runs;

/// <summary>The TestRunParameters of a .runsettings file, so <c>verify</c> and <c>dotnet test</c> read the same settings.</summary>
public static class RunSettingsFile
{
    /// <summary>Name → value of every Parameter; one message naming the file when it cannot be read.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(string path)
    {
        try
        {
            var document = XDocument.Load(path);
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in document.Descendants("TestRunParameters").Elements("Parameter"))
            {
                var name = (string?)parameter.Attribute("name") ?? throw new SettingsException($"Settings file {path}: a Parameter has no name attribute.");
                parameters[name] = (string?)parameter.Attribute("value") ?? "";
            }

            return parameters;
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"Settings file {path}: expected a readable .runsettings XML file, found: {e.Message}");
        }
    }
}
