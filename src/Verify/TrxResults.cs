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
            Message = e.Descendants().FirstOrDefault(m => m.Name.LocalName == "Message")?.Value.Replace("Multiple failures or warnings in test:", "", StringComparison.Ordinal).Trim()
                ?? e.Descendants().FirstOrDefault(m => m.Name.LocalName == "StdOut")?.Value.Trim() ?? "",
        })];
    }
}
