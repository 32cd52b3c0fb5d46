using System.Xml.Linq;
using Verification.Probes.Controls;
using Verification.Probes.Reporting;

namespace Verification.Verify;

/// <summary>Reads a TRX file's test outcomes: the data path's record when the Connectivity suite left no connectivity.json.</summary>
public static class TrxResults
{
    public static List<ConnectivityCheck> Read(string path)
    {
        var document = XDocument.Load(path);
        return [.. document.Descendants().Where(e => e.Name.LocalName == "UnitTestResult").Select(e => new ConnectivityCheck
        {
            Name = (string?)e.Attribute("testName") ?? "(unnamed test)",
            Status = (string?)e.Attribute("outcome") switch
            {
                "Passed" => FindingStatus.Pass,
                "Failed" => FindingStatus.Fail,
                "NotExecuted" or "Inconclusive" => FindingStatus.NotApplicable,
                _ => FindingStatus.Error,
            },
            Message = Shorten(e.Descendants().FirstOrDefault(m => m.Name.LocalName == "Message")?.Value
                ?? e.Descendants().FirstOrDefault(m => m.Name.LocalName == "StdOut")?.Value ?? ""),
        })];
    }

    // NUnit's message carries assertion plumbing and stack frames; the probe's own sentence comes first and is what a reader needs.
    private static string Shorten(string message)
    {
        var text = message.Replace("Multiple failures or warnings in test:", "", StringComparison.Ordinal).Trim();
        var cut = text.IndexOf("  Assert.", StringComparison.Ordinal) is var a and > 0 ? a : text.IndexOf("\n   at ", StringComparison.Ordinal);
        text = cut > 0 ? text[..cut] : text;
        return text.Length > 600 ? text[..600] + "…" : text.Trim();
    }
}
