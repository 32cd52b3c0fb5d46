using System.Text.RegularExpressions;

namespace Verification.Probes.Outputs;

/// <summary>The parts of an ARN that the outputs check: arn:partition:service:region:account:resource.</summary>
internal sealed partial record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    /// <summary>The ARN's parts, or null when the text is not a regional ARN with a 12-digit account.</summary>
    public static Arn? TryParse(string text)
    {
        var parts = text.Split(':', 6);
        var wellFormed = parts.Length == 6
            && parts[0] == "arn"
            && PartitionForm().IsMatch(parts[1])
            && parts[2].Length > 0
            && OutputForms.Region().IsMatch(parts[3])
            && AccountForm().IsMatch(parts[4])
            && parts[5].Length > 0;
        return wellFormed ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    [GeneratedRegex("^aws(-cn|-us-gov|-iso|-iso-b)?$")]
    private static partial Regex PartitionForm();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountForm();
}
