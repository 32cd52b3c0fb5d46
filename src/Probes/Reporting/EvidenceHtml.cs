using System.Globalization;
using System.Net;
using System.Text;
using Verification.Probes.Controls;

namespace Verification.Probes.Reporting;

/// <summary>
/// evidence.html: one self-contained page (inline CSS, no script, no external asset) for people: drift first,
/// then the counts, the summary by HIPAA section, each control, the data path and the run's metadata.
/// Counts carry ids (count-passed, ...) so a self-test can read them back from the DOM.
/// </summary>
public static class EvidenceHtml
{
    private const string Style = """
        body{overflow-wrap:break-word;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1d2430}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #d8dee8;padding-bottom:4px;margin-top:32px}h3{font-size:16px;margin:0 0 6px}
        table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #d8dee8;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f2f5f9}
        code,.mono{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:12px;word-break:break-all}
        .badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
        .Passed,.Pass,.Compliant{background:#2e7d32}.Failed,.Fail,.NonCompliant{background:#c62828}.Warning{background:#ef6c00}
        .CouldNotEvaluate,.Error{background:#6a1b9a}.Waived{background:#00838f}.NotApplicable{background:#78909c}.Other{background:#0277bd}
        .counts{display:flex;gap:12px;flex-wrap:wrap;padding:0;list-style:none}.counts li{border:1px solid #d8dee8;border-radius:8px;padding:8px 14px;min-width:110px}
        .counts .n{display:block;font-size:24px;font-weight:700}
        .control{border:1px solid #d8dee8;border-radius:8px;padding:12px 16px;margin:12px 0}.control.gates{border-left:6px solid #c62828}
        .meta{color:#56606e;font-size:13px}.unsigned{color:#c62828;font-weight:600}.drift li{margin:2px 0}
        @media print{body{max-width:none;padding:0}.control,tr,.keep{break-inside:avoid;page-break-inside:avoid}h2{break-after:avoid;page-break-after:avoid}}
        """;

    public static string Render(EvidenceDocument evidence)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>HIPAA stack evidence: ").Append(E(Words(evidence.Run.Outcome.ToString()))).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        Header(html, evidence);
        if (evidence.Drift is { } drift)
        {
            Drift(html, drift);
        }

        Summary(html, evidence);
        Hipaa(html, evidence);
        Controls(html, evidence);
        DataPath(html, evidence);
        Run(html, evidence);
        return html.Append("</body></html>\n").ToString();
    }

    private static void Header(StringBuilder html, EvidenceDocument evidence)
    {
        var run = evidence.Run;
        html.Append("<header><h1>HIPAA stack verification evidence</h1>")
            .Append("<p><span id=\"outcome\" class=\"badge ").Append(run.Outcome).Append("\" data-exit-code=\"").Append(run.ExitCode).Append("\">")
            .Append(E(Words(run.Outcome.ToString()))).Append(" (exit ").Append(run.ExitCode).Append(")</span> ")
            .Append("<span class=\"meta\">").Append(evidence.GroupsByAccount()
                ? $"{evidence.Accounts.Count} accounts ({E(string.Join(", ", evidence.Accounts.Select(a => a.Name)))})"
                : $"account {E(run.AccountId ?? "unknown")}").Append(" · ").Append(E(run.Region ?? (evidence.GroupsByAccount() ? "several regions" : "no region")))
            .Append(" · mode ").Append(E(run.Mode)).Append(run.SandboxScenario is { } s ? $" (scenario {E(s)})" : "")
            .Append(" · ").Append(Time(run.StartedAt)).Append(" → ").Append(Time(run.FinishedAt)).Append(" UTC")
            .Append(run.MergedAt is { } merged ? $" · merged {Time(merged)} UTC from {evidence.Accounts.Select(a => a.Source?.ManifestSha256).Distinct().Count()} verified bundles" : "")
            .Append("</span></p>");
        html.Append(evidence.Signature.Signed
            ? $"<p class=\"meta\">Manifest signed ({E(evidence.Signature.Algorithm ?? "")}); public key SHA-256 <code>{E(evidence.Signature.PublicKeySha256 ?? "")}</code>.</p>"
            : $"<p class=\"unsigned\" id=\"unsigned\">{E(evidence.Signature.Note)}</p>");
        if (evidence.Signature.KmsKeyArn is { } kms)
        {
            html.Append("<p class=\"meta\" id=\"kms-key\">Signed in AWS KMS by <code>").Append(E(kms)).Append("</code>.</p>");
        }

        if (evidence.PolicyDeviations.Count > 0)
        {
            html.Append("<section id=\"policy-deviations\" class=\"unsigned\"><h2>Policy deviations: this run did not use the shipped policy</h2><table><tr><th>setting</th><th>shipped</th><th>used</th><th>effect</th></tr>");
            foreach (var d in evidence.PolicyDeviations)
            {
                html.Append("<tr><td>").Append(E(d.Setting)).Append("</td><td>").Append(E(d.Shipped)).Append("</td><td>").Append(E(d.Used)).Append("</td><td>").Append(E(d.Effect)).Append("</td></tr>");
            }

            html.Append("</table></section>");
        }

        html.Append("</header>\n");
    }

    private static void Drift(StringBuilder html, DriftReport drift)
    {
        html.Append("<section id=\"drift\" class=\"drift\"><h2>Changes since the previous run (").Append(Time(drift.PreviousStartedAt)).Append(" UTC)</h2>");
        if (drift.IsEmpty)
        {
            html.Append("<p>No change: same verdicts, resources and observed values.</p></section>\n");
            return;
        }

        List(html, "new-failures", "New failures", drift.NewFailures.Select(Verdict));
        List(html, "fixed-failures", "Fixed", drift.FixedFailures.Select(Verdict));
        List(html, "other-changes", "Other verdict changes", drift.OtherVerdictChanges.Select(Verdict));
        List(html, "changed-values", "Changed observed values", drift.ChangedValues.Select(v =>
            $"<code>{E(v.ControlId)}</code> {E(v.Resource)}: {E(v.Key)} {E(v.Before ?? "(absent)")} → {E(v.After ?? "(absent)")}"));
        List(html, "resources-added", "Resources added", drift.ResourcesAdded.Select(r => $"<code>{E(r.ControlId)}</code> {E(r.Resource)}"));
        List(html, "resources-gone", "Resources gone", drift.ResourcesGone.Select(r => $"<code>{E(r.ControlId)}</code> {E(r.Resource)}"));
        html.Append("</section>\n");

        static string Verdict(VerdictChange c) =>
            $"<code>{E(c.ControlId)}</code> {E(c.Before?.ToString() ?? "(new control)")} → {E(c.After?.ToString() ?? "(control removed)")}";
    }

    private static void List(StringBuilder html, string id, string title, IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        html.Append("<h3>").Append(title).Append(" (").Append(list.Count).Append(")</h3><ul id=\"").Append(id).Append("\">");
        foreach (var item in list)
        {
            html.Append("<li>").Append(item).Append("</li>");
        }

        html.Append("</ul>");
    }

    private static void Summary(StringBuilder html, EvidenceDocument evidence)
    {
        var c = evidence.Counts;
        html.Append("<section id=\"summary\"><h2>Summary</h2><ul class=\"counts\">");
        Count(html, "total", "Controls", c.Total);
        Count(html, "passed", "Passed", c.Passed);
        Count(html, "failed", "Failed", c.Failed);
        Count(html, "warning", "Warnings", c.Warning);
        Count(html, "could-not-evaluate", "Could not evaluate", c.CouldNotEvaluate);
        Count(html, "not-applicable", "Not applicable", c.NotApplicable);
        Count(html, "waived", "Waived", c.Waived);
        if (evidence.Stacks.Count(s => s.NotEvaluated is not null) is > 0 and var unreached)
        {
            // Their controls were never judged, so no control count above includes them.
            Count(html, "could-not-evaluate", "Stacks not evaluated", unreached);
        }

        if (c.Other > 0)
        {
            Count(html, "other", "Other", c.Other);
        }

        if (evidence.ConnectivityInScope)
        {
            Count(html, "data-path-passed", "Data path passed", c.ConnectivityPassed);
            Count(html, "data-path-failed", "Data path failed", c.ConnectivityFailed + c.ConnectivityErrors);
        }

        html.Append("</ul>");
        var failures = evidence.Controls.Where(x => x.Verdict == ControlVerdict.Failed).Select(x => $"{Of(evidence, x.Stack)}<code>{E(x.Id)}</code> {E(x.Title)}")
            .Concat(evidence.Connectivity.Where(x => x.Status == FindingStatus.Fail).Select(x => $"{Of(evidence, x.Stack)}data path: {E(x.Name)} {E(x.Message)}"));
        var errors = evidence.Run.Errors.Select(E)
            .Concat(evidence.Controls.Where(x => x.Verdict == ControlVerdict.CouldNotEvaluate).Select(x => $"{Of(evidence, x.Stack)}<code>{E(x.Id)}</code> {E(x.Findings.FirstOrDefault(f => f.Status == FindingStatus.Error)?.Message ?? "")}"))
            .Concat(evidence.Connectivity.Where(x => x.Status == FindingStatus.Error).Select(x => $"{Of(evidence, x.Stack)}data path: {E(x.Name)} {E(x.Message)}"));
        if (evidence.GroupsByAccount())
        {
            html.Append("<table id=\"accounts\"><thead><tr><th>Account</th><th>Outcome</th><th>Stacks</th><th>Failed</th><th>Could not evaluate</th></tr></thead><tbody>");
            foreach (var (account, i) in evidence.Accounts.Select((a, i) => (a, i)))
            {
                var own = evidence.Controls.Where(x => account.Stacks.Contains(x.Stack)).ToList();
                html.Append("<tr data-account=\"").Append(E(account.Name)).Append("\"><td><a href=\"#account-").Append(i).Append("\">").Append(E(account.Name)).Append("</a></td><td>")
                    .Append(Badge(account.Outcome.ToString())).Append("</td><td>").Append(account.Stacks.Count).Append("</td><td>").Append(own.Count(x => x.Verdict == ControlVerdict.Failed))
                    .Append("</td><td>").Append(E(CouldNotEvaluate(evidence, account, own))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        List(html, "failures", "Failures", failures);
        List(html, "errors", "Could not evaluate", errors);
        html.Append("</section>\n");
    }

    private static void Count(StringBuilder html, string id, string label, int n) =>
        html.Append("<li><span class=\"n\" id=\"count-").Append(id).Append("\">").Append(n.ToString(CultureInfo.InvariantCulture)).Append("</span>").Append(label).Append("</li>");

    private static void Hipaa(StringBuilder html, EvidenceDocument evidence)
    {
        html.Append("<section id=\"hipaa\"><h2>Summary by HIPAA Security Rule section</h2><table><thead><tr><th>45 CFR</th><th>Controls</th></tr></thead><tbody>");
        var sections = evidence.Controls.SelectMany(c => (c.Hipaa.Count > 0 ? c.Hipaa : ["operational"]).Select(h => (Section: h, Control: c)))
            .GroupBy(x => x.Section, StringComparer.Ordinal).OrderBy(g => g.Key == "operational").ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var section in sections)
        {
            html.Append("<tr class=\"keep\"><td class=\"mono\">").Append(E(section.Key)).Append("</td><td>");
            foreach (var (_, control) in section)
            {
                html.Append("<div>").Append(Badge(control.Verdict.ToString())).Append(' ').Append(Of(evidence, control.Stack)).Append("<a href=\"#").Append(Anchor(control)).Append("\">").Append(E(control.Id)).Append("</a></div>");
            }

            html.Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Controls(StringBuilder html, EvidenceDocument evidence)
    {
        html.Append("<section id=\"controls\"><h2>Controls</h2>");
        if (!evidence.GroupsByAccount())
        {
            ControlList(html, evidence, evidence.Controls.OrderBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal));
            html.Append("</section>\n");
            return;
        }

        foreach (var (account, i) in evidence.Accounts.Select((a, i) => (a, i)))
        {
            Account(html, account, i);
            ControlList(html, evidence, evidence.Controls.Where(c => account.Stacks.Contains(c.Stack))
                .OrderBy(c => c.Stack).ThenBy(c => c.Area, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal));
            html.Append("</section>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The account's heading and how it was reached; for a merged report, the bundle it came from and what vouched for it.</summary>
    private static void Account(StringBuilder html, AccountEvidence account, int index)
    {
        html.Append("<section class=\"account\" id=\"account-").Append(index).Append("\" data-account=\"").Append(E(account.Name)).Append("\" data-outcome=\"").Append(account.Outcome)
            .Append("\"><h2>Account ").Append(E(account.Name)).Append(' ').Append(Badge(account.Outcome.ToString())).Append("</h2><table class=\"keep\"><tbody>");
        Row(html, "Account id · region", $"{account.AccountId ?? "unknown"} · {account.Region}");
        Row(html, "Role", account.RoleArn is { } role ? $"{role} (session {account.SessionName}{(account.ExternalIdSent ? ", external id sent" : "")})" : "the base credentials, no role assumed");
        if (account.Error is { } error)
        {
            Row(html, "Not evaluated", error);
        }

        if (account.Source is { } source)
        {
            Row(html, "Source bundle", source.Bundle);
            Row(html, "Source manifest SHA-256", source.ManifestSha256);
            Row(html, "Verified signer key SHA-256", source.SignerPublicKeySha256 ?? "none");
            Row(html, "Source run", $"{source.Mode}{(source.SandboxScenario is { } s ? $" (scenario {s})" : "")} · {Time(source.StartedAt)} → {Time(source.FinishedAt)} UTC · caller {source.CallerArn ?? "unknown"}" +
                (source.AccountNameInBundle is { } was ? $" · named {was} in its bundle" : ""));
        }

        html.Append("</tbody></table>");
    }

    private static void ControlList(StringBuilder html, EvidenceDocument evidence, IEnumerable<ControlEvidence> controls)
    {
        foreach (var control in controls)
        {
            html.Append("<article class=\"control").Append(control.Gates ? " gates" : "").Append("\" id=\"").Append(Anchor(control))
                .Append("\" data-control=\"").Append(E(control.Id)).Append("\" data-verdict=\"").Append(control.Verdict).Append("\">")
                .Append("<h3>").Append(Badge(control.Verdict.ToString())).Append(' ').Append(E(control.Title)).Append("</h3>")
                .Append("<p class=\"meta\"><code>").Append(E(control.Id)).Append("</code> · ").Append(E(control.Area)).Append(" · ").Append(E(control.Service))
                .Append(" · severity ").Append(control.Severity).Append(" · HIPAA ").Append(E(control.Hipaa.Count > 0 ? string.Join(", ", control.Hipaa) : "operational"))
                .Append(evidence.Stacks.Count > 1 ? $" · stack {E(evidence.Stacks[control.Stack].OutputsFile)}" : "").Append("</p>")
                .Append("<p><b>Risk.</b> ").Append(E(control.Risk)).Append("</p><p><b>Remediation.</b> ").Append(E(control.Remediation)).Append("</p>")
                .Append("<table><thead><tr><th>Status</th><th>Resource</th><th>Finding</th><th>Observed</th></tr></thead><tbody>");
            foreach (var finding in control.Findings)
            {
                html.Append("<tr><td>").Append(Badge(finding.Status.ToString())).Append("</td><td class=\"mono\">").Append(E(finding.Resource)).Append("</td><td>")
                    .Append(E(finding.Message)).Append("</td><td class=\"mono\">")
                    .Append(string.Join("<br>", finding.Evidence.Select(e => $"{E(e.Key)} = {E(e.Value ?? "(absent)")}"))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
            if (control.RequestIds.Count > 0)
            {
                html.Append("<p class=\"meta\">AWS requests: <span class=\"mono\">").Append(E(string.Join("; ", control.RequestIds))).Append("</span></p>");
            }

            html.Append("</article>\n");
        }
    }

    private static void DataPath(StringBuilder html, EvidenceDocument evidence)
    {
        html.Append("<section id=\"data-path\"><h2>Data path</h2>");
        if (!evidence.ConnectivityInScope)
        {
            html.Append("<p>Not in scope for this run: no TLS session was opened (configuration checks only).</p></section>\n");
            return;
        }

        html.Append("<table><thead><tr><th>Status</th><th>Check</th><th>Target</th><th>Finding</th><th>TLS facts</th></tr></thead><tbody>");
        foreach (var check in evidence.Connectivity)
        {
            html.Append("<tr class=\"keep\" data-check=\"").Append(E(check.Name)).Append("\"><td>").Append(Badge(check.Status.ToString())).Append("</td><td>").Append(E(check.Name))
                .Append("</td><td class=\"mono\">").Append(E(check.Target)).Append("</td><td>").Append(E(check.Message)).Append("</td><td class=\"mono\">")
                .Append(string.Join("<br>", check.Evidence.Select(e => $"{E(e.Key)} = {E(e.Value)}"))).Append("</td></tr>");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Run(StringBuilder html, EvidenceDocument evidence)
    {
        var run = evidence.Run;
        html.Append("<section id=\"run\" class=\"keep\"><h2>Run</h2><table><tbody>");
        Row(html, "Tool", $"{evidence.Tool.Name} {evidence.Tool.Version}" + (evidence.Tool.GitCommit is { } c ? $" (commit {c})" : ""));
        Row(html, "Caller", run.CallerArn ?? (run.MergedAt is null ? "unknown" : "one per input bundle (see each account)"));
        Row(html, "Started / finished (UTC)", $"{Time(run.StartedAt)} / {Time(run.FinishedAt)}");
        if (run.MergedAt is { } merged)
        {
            Row(html, "Merged (UTC)", $"{Time(merged)}: every input bundle's manifest, signature and verdicts were verified first");
        }

        Row(html, "Thresholds", Thresholds(evidence.Thresholds));
        Row(html, "Waivers in force", evidence.Waivers.Count > 0
            ? string.Join("; ", evidence.Waivers.Select(w => $"{w} — {w.Justification}"))
            : evidence.WaiversFile is { } f ? $"none in force (file {f})" : "none");
        Row(html, "AWS endpoints", run.Endpoints.Count == 0 ? "none chosen (the run stopped before calling AWS)"
            : run.Endpoints.All(e => e.Value.IsDefault) ? "AWS's default regional endpoints"
            : string.Join("; ", run.Endpoints.Select(e => $"{e.Key} → {e.Value.Url}{(e.Value.IsDefault ? "" : " (not AWS's default)")}")));
        html.Append("</tbody></table>");
        foreach (var stack in evidence.Stacks)
        {
            html.Append("<h3>Stack outputs: ").Append(evidence.GroupsByAccount() ? $"{E(stack.Account)} · " : "").Append(E(stack.OutputsFile)).Append("</h3><p class=\"meta\">")
                .Append(E(stack.OutputsFormat)).Append(" · SHA-256 <code>").Append(E(stack.OutputsSha256)).Append("</code> · snapshot ").Append(E(stack.SnapshotFile))
                .Append(" · ").Append(stack.AwsCalls).Append(" AWS calls")
                .Append(stack.Thresholds is { } own ? $" · judged by its own run's thresholds: {E(Thresholds(own))}" : "").Append("</p>");
            if (stack.ScopeGaps.Count > 0)
            {
                html.Append("<p class=\"scope-gaps\"><strong>Scope incomplete:</strong></p><ul>");
                foreach (var gap in stack.ScopeGaps)
                {
                    html.Append("<li>").Append(E(gap)).Append("</li>");
                }

                html.Append("</ul>");
            }

            html.Append("<table><tbody>");
            foreach (var (key, value) in stack.Outputs)
            {
                Row(html, key, value);
            }

            html.Append("</tbody></table>");
        }

        html.Append("</section>\n");
    }

    /// <summary>"prod · " before a control or check when the report groups by account; else nothing.</summary>
    private static string Of(EvidenceDocument evidence, int stack) => evidence.GroupsByAccount() ? $"{E(evidence.AccountOf(stack))} · " : "";

    private static string Thresholds(Policy policy) =>
        $"log retention ≥ {policy.MinLogRetentionDays} days (never-expire {(policy.AllowNeverExpire ? "allowed" : "not allowed")}), " +
        $"backup retention ≥ {policy.MinBackupRetentionDays} days, snapshot retention ≥ {policy.MinSnapshotRetentionDays} days, gate fails on {policy.FailOn} and above";

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(E(name)).Append("</th><td class=\"mono\">").Append(E(value)).Append("</td></tr>");

    /// <summary>Controls that could not be evaluated, and stacks never collected (which have no control to count).</summary>
    private static string CouldNotEvaluate(EvidenceDocument evidence, AccountEvidence account, List<ControlEvidence> own)
    {
        var controls = own.Count(x => x.Verdict == ControlVerdict.CouldNotEvaluate);
        var stacks = account.Stacks.Count(i => i < evidence.Stacks.Count && evidence.Stacks[i].NotEvaluated is not null);
        return stacks == 0 ? controls.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"{(controls == 0 ? "" : $"{controls} controls, ")}{stacks} stack{(stacks == 1 ? "" : "s")} not evaluated";
    }

    private static string Badge(string status) => $"<span class=\"badge {E(status)}\">{E(Words(status))}</span>";

    private static string Anchor(ControlEvidence control) => $"c{control.Stack}-{control.Id}";

    /// <summary>CouldNotEvaluate → "could not evaluate".</summary>
    private static string Words(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : ch.ToString()));

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
