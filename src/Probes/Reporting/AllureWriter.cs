using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>
/// Writes allure-results by hand in Allure's documented test result format ({uuid}-result.json plus
/// {uuid}-attachment.json): one result per control per stack and one per data-path check, labelled
/// epic = area, feature = service, story = control id, severity, one tag per HIPAA citation, suite and owner.
/// </summary>
public static class AllureWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes every result into <paramref name="folder"/> (created, emptied of earlier results) and returns how many.</summary>
    public static int Write(EvidenceDocument evidence, string folder, string? owner = null)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var count = 0;
        foreach (var control in evidence.Controls)
        {
            Save(folder, Control(evidence, control, owner, folder));
            count++;
        }

        foreach (var check in evidence.Connectivity)
        {
            Save(folder, Connectivity(evidence, check, owner, folder));
            count++;
        }

        foreach (var (stack, index) in evidence.Stacks.Select((s, i) => (s, i)).Where(s => s.s.NotEvaluated is not null))
        {
            Save(folder, NotEvaluated(evidence, stack, index, owner));
            count++;
        }

        File.WriteAllText(Path.Combine(folder, "environment.properties"), string.Join('\n',
            $"account={evidence.Run.AccountId}", $"region={evidence.Run.Region}", $"mode={evidence.Run.Mode}",
            $"outcome={evidence.Run.Outcome}", $"tool={evidence.Tool.Name} {evidence.Tool.Version}", $"commit={evidence.Tool.GitCommit}",
            $"policy.deviations={(evidence.PolicyDeviations.Count == 0 ? "none: shipped defaults" : evidence.PolicyDeviations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))}")
            + string.Concat(evidence.PolicyDeviations.Select((d, i) => $"\npolicy.deviation.{i + 1}={d.Setting}: shipped {d.Shipped}, used {d.Used}; {d.Effect}"))
            + (evidence.GroupsByAccount() ? $"\naccounts={string.Join(", ", evidence.Accounts.Select(a => $"{a.Name} {a.Outcome}"))}" : "") + "\n");
        return count;
    }

    /// <summary>The account when the report groups by account (Allure's outer tree level); else what the result is.</summary>
    private static string ParentSuite(EvidenceDocument evidence, int stack, string kind) =>
        evidence.GroupsByAccount() ? evidence.AccountOf(stack) : kind;

    /// <summary>Allure's status for a verdict: warnings and waivers pass (with a message), could-not-evaluate is broken.</summary>
    public static string Status(ControlVerdict verdict) => TestOutcomes.Of(verdict) switch
    {
        TestOutcome.Failed => "failed",
        TestOutcome.Error => "broken",
        TestOutcome.Skipped => "skipped",
        _ => "passed",
    };

    public static string Status(FindingStatus status) => status switch
    {
        FindingStatus.Fail => "failed",
        FindingStatus.Error => "broken",
        FindingStatus.NotApplicable => "skipped",
        _ => "passed",
    };

    /// <summary>Allure's severity names: blocker, critical, normal, minor.</summary>
    public static string Severity(Severity severity) => severity switch
    {
        Controls.Severity.Critical => "blocker",
        Controls.Severity.High => "critical",
        Controls.Severity.Medium => "normal",
        _ => "minor",
    };

    private static AllureResult Control(EvidenceDocument evidence, ControlEvidence control, string? owner, string folder)
    {
        var stack = evidence.Stacks.ElementAtOrDefault(control.Stack);
        var start = Millis(stack?.CollectedAt ?? evidence.Run.StartedAt) - 1;
        var collectedStart = Millis(evidence.Run.StartedAt);
        var stop = Millis(evidence.Run.FinishedAt);
        var uuid = Guid.NewGuid().ToString();
        var attachment = Attach(folder, uuid, new
        {
            control = control.Id,
            verdict = control.Verdict.ToString(),
            findings = control.Findings.Select(f => new { resource = f.Resource, region = f.Region, status = f.Status.ToString(), message = f.Message, observed = f.Evidence }),
            requestIds = control.RequestIds,
        });
        var labels = new List<AllureLabel>
        {
            new("epic", control.Area), new("feature", control.Service), new("story", control.Id), new("severity", Severity(control.Severity)),
            new("parentSuite", ParentSuite(evidence, control.Stack, "Compliance")), new("suite", control.Area), new("subSuite", control.Service), new("framework", "verify"),
        };
        labels.AddRange((control.Hipaa.Count > 0 ? control.Hipaa : ["operational"]).Select(h => new AllureLabel("tag", h)));
        if (owner is not null)
        {
            labels.Add(new("owner", owner));
        }

        var parameters = control.Findings.Select(f => f.Resource).Distinct(StringComparer.Ordinal)
            .Select((r, i) => new AllureParameter(i == 0 ? "resource" : $"resource {i + 1}", r)).ToList();
        parameters.Add(new("region", stack?.Region ?? evidence.Run.Region ?? ""));
        var message = control.Verdict switch
        {
            ControlVerdict.Passed => null,
            ControlVerdict.NotApplicable => string.Join(" ", control.Findings.Select(f => f.Message).Distinct(StringComparer.Ordinal)),
            ControlVerdict.Warning => "Warning (below the gate's severity): " + FailureText.For(control),
            ControlVerdict.Waived => "Waived: " + string.Join(" ", control.Findings.Where(f => f.Status == FindingStatus.Waived).Select(f => f.Message)),
            _ => FailureText.For(control),
        };
        return new AllureResult
        {
            Uuid = uuid,
            HistoryId = Hash((evidence.GroupsByAccount() ? $"{stack?.Account}|" : "") + $"{stack?.OutputsFile}|{control.Id}"),
            TestCaseId = Hash(control.Id),
            FullName = $"Verification.Compliance.{control.Area.Replace(" ", "", StringComparison.Ordinal)}.{control.Id}",
            Name = control.Title,
            Description = $"**{control.Id}**\n\nRisk: {control.Risk}\n\nRemediation: {control.Remediation}",
            Status = Status(control.Verdict),
            StatusDetails = message is null ? null : new AllureStatusDetails(message),
            Start = start,
            Stop = stop,
            Labels = labels,
            Parameters = parameters,
            Steps =
            [
                new AllureStep
                {
                    Name = $"collect: {string.Join(", ", ServicePrefixes.Of(control.Service))} ({control.RequestIds.Count} AWS requests)",
                    Status = control.Findings.Any(f => f.Status == FindingStatus.Error) ? "broken" : "passed",
                    Start = collectedStart,
                    Stop = start,
                    Parameters = [.. control.RequestIds.Select((r, i) => new AllureParameter($"request {i + 1}", r))],
                },
                new AllureStep
                {
                    Name = "evaluate",
                    Status = Status(control.Verdict),
                    Start = start,
                    Stop = stop,
                    Steps = [.. control.Findings.Select(f => new AllureStep { Name = f.Message, Status = Status(f.Status), Start = start, Stop = stop, Parameters = [new("resource", f.Resource)] })],
                    Attachments = [attachment],
                },
            ],
            Attachments = [attachment],
        };
    }

    private static AllureResult Connectivity(EvidenceDocument evidence, ConnectivityCheck check, string? owner, string folder)
    {
        var uuid = Guid.NewGuid().ToString();
        var attachment = Attach(folder, uuid, new { check = check.Name, target = check.Target, status = check.Status.ToString(), message = check.Message, tls = check.Evidence }, "TLS facts");
        var labels = new List<AllureLabel>
        {
            new("epic", "Data path"), new("feature", "Connectivity"), new("story", check.Name), new("severity", Severity(check.Severity)),
            new("parentSuite", ParentSuite(evidence, check.Stack, "Connectivity")), new("suite", "Data path"), new("framework", "verify"),
        };
        labels.AddRange(check.Hipaa.Select(citation => new AllureLabel("tag", citation)));
        if (owner is not null)
        {
            labels.Add(new("owner", owner));
        }

        var time = Millis(evidence.Run.FinishedAt);
        return new AllureResult
        {
            Uuid = uuid,
            HistoryId = Hash((evidence.GroupsByAccount() ? $"{evidence.AccountOf(check.Stack)}|" : "") + $"connectivity|{check.Stack}|{check.Name}|{check.Target}"),
            TestCaseId = Hash($"connectivity|{check.Name}"),
            FullName = $"Verification.Connectivity.{check.Name}",
            Name = check.Name,
            Description = check.Title,
            Status = Status(check.Verdict),
            StatusDetails = check.Status == FindingStatus.Pass ? null : new AllureStatusDetails(check.Message),
            Start = time,
            Stop = time,
            Labels = labels,
            Parameters = [new("endpoint", check.Target), new("region", evidence.Stacks.ElementAtOrDefault(check.Stack)?.Region ?? evidence.Run.Region ?? "")],
            Steps = [new AllureStep { Name = $"connect to {check.Target}", Status = Status(check.Status), Start = time, Stop = time, Attachments = [attachment] }],
            Attachments = [attachment],
        };
    }

    /// <summary>A stack that was never collected: one broken result naming why, so the report counts it instead of leaving it out.</summary>
    private static AllureResult NotEvaluated(EvidenceDocument evidence, StackEvidence stack, int index, string? owner)
    {
        var labels = new List<AllureLabel>
        {
            new("epic", "Reach"), new("story", "NotEvaluated"), new("severity", "blocker"),
            new("parentSuite", ParentSuite(evidence, index, "Compliance")), new("suite", "Not evaluated"), new("framework", "verify"),
        };
        if (owner is not null)
        {
            labels.Add(new("owner", owner));
        }

        var time = Millis(evidence.Run.StartedAt);
        return new AllureResult
        {
            Uuid = Guid.NewGuid().ToString(),
            HistoryId = Hash($"{stack.Account}|{stack.OutputsFile}|not-evaluated"),
            TestCaseId = Hash("not-evaluated"),
            FullName = "Verification.Compliance.NotEvaluated",
            Name = $"Stack {index + 1} in account {stack.Account} was not evaluated",
            Status = "broken",
            StatusDetails = new AllureStatusDetails(stack.NotEvaluated!),
            Start = time,
            Stop = time,
            Labels = labels,
            Parameters = [new("outputs", stack.OutputsFile), new("region", stack.Region)],
        };
    }

    private static AllureAttachment Attach(string folder, string uuid, object content, string name = "evidence")
    {
        var source = $"{uuid}-attachment.json";
        File.WriteAllText(Path.Combine(folder, source), JsonSerializer.Serialize(content, Json));
        return new AllureAttachment(name, source, "application/json");
    }

    private static void Save(string folder, AllureResult result) =>
        File.WriteAllText(Path.Combine(folder, $"{result.Uuid}-result.json"), JsonSerializer.Serialize(result, Json));

    private static long Millis(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}

/// <summary>One Allure test result file.</summary>
public sealed record AllureResult
{
    public string Uuid { get; init; } = "";
    public string HistoryId { get; init; } = "";
    public string TestCaseId { get; init; } = "";
    public string FullName { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string Status { get; init; } = "unknown";
    public AllureStatusDetails? StatusDetails { get; init; }
    public string Stage { get; init; } = "finished";
    public long Start { get; init; }
    public long Stop { get; init; }
    public List<AllureLabel> Labels { get; init; } = [];
    public List<AllureParameter> Parameters { get; init; } = [];
    public List<AllureStep> Steps { get; init; } = [];
    public List<AllureAttachment> Attachments { get; init; } = [];
}

/// <summary>A step (and sub-step) of a result.</summary>
public sealed record AllureStep
{
    public string Name { get; init; } = "";
    public string Status { get; init; } = "passed";
    public string Stage { get; init; } = "finished";
    public long Start { get; init; }
    public long Stop { get; init; }
    public List<AllureStep> Steps { get; init; } = [];
    public List<AllureAttachment> Attachments { get; init; } = [];
    public List<AllureParameter> Parameters { get; init; } = [];
}

public sealed record AllureStatusDetails(string Message, string? Trace = null);

public sealed record AllureLabel(string Name, string Value);

public sealed record AllureParameter(string Name, string Value);

public sealed record AllureAttachment(string Name, string Source, string Type);
