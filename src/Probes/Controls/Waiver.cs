using System.Text.RegularExpressions;

namespace Verification.Probes.Controls;

/// <summary>An accepted risk: one control's failure on matching resources, justified, approved, and valid until a date.</summary>
/// <param name="Resource">A resource ARN or id; '*' matches any run of characters, '?' one character.</param>
/// <param name="Expires">The last day (UTC) the waiver holds.</param>
public sealed record Waiver(string Control, string Resource, string Justification, DateOnly Expires, string Approver)
{
    /// <summary>True when this waiver covers <paramref name="finding"/>.</summary>
    public bool Covers(Finding finding) =>
        finding.ControlId == Control && Wildcard.Matches(Resource, finding.Resource);

    /// <summary>True when the waiver no longer holds at <paramref name="at"/>: judged at the run's recorded time, so a re-evaluation later gives the same verdict.</summary>
    public bool IsExpired(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime) > Expires;

    public override string ToString() => $"{Control} on {Resource} (approved by {Approver}, expires {Expires:yyyy-MM-dd})";
}
