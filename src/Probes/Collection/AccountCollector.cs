using Verification.Probes.Aws.Model;

namespace Verification.Probes.Collection;

/// <summary>One backup plan with the resource selections assigned to it.</summary>
public sealed record BackupPlanSelections(GetBackupPlanOutput Plan, List<BackupSelection> Selections);

/// <summary>One GuardDuty detector of the region.</summary>
public sealed record GuardDutyDetector(string DetectorId, Detector Detector);

/// <summary>Security Hub's state in the region: <paramref name="Hub"/> is null when the account is not subscribed.</summary>
public sealed record SecurityHubStatus(Hub? Hub);

/// <summary>The account-wide answers of one region: AWS Backup's plans and vaults, GuardDuty, Security Hub.</summary>
internal sealed record AccountPart(
    Fetched<List<ProtectedResource>> ProtectedResources,
    Fetched<List<BackupPlanSelections>> BackupPlans,
    Dictionary<string, Fetched<BackupVault>> BackupVaults,
    Fetched<List<GuardDutyDetector>> GuardDutyDetectors,
    Fetched<List<GuardDutyFinding>> GuardDutyFindings,
    Fetched<SecurityHubStatus> SecurityHub);

/// <summary>Asks the account-level questions; each is asked once per run however many stacks share the account.</summary>
internal static class AccountCollector
{
    /// <summary>GuardDuty's "High" band starts at 7.0 (Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0).</summary>
    public const int HighSeverity = 7;

    public static async Task<AccountPart> CollectAsync(AwsQuestions aws, CancellationToken ct)
    {
        var hub = aws.Ask("securityhub:DescribeHub", async () => new SecurityHubStatus(await aws.SecurityHub.DescribeHubAsync(ct).ConfigureAwait(false)));
        var protectedResources = aws.Ask("backup:ListProtectedResources", () => aws.Backup.ListProtectedResourcesAsync(ct));
        var plans = BackupPlansAsync(aws, ct);
        var detectors = DetectorsAsync(aws, ct);
        var findings = FindingsAsync(aws, ct);

        var backupPlans = await plans.ConfigureAwait(false);
        var vaultNames = (backupPlans.Value ?? []).SelectMany(p => p.Plan.BackupPlan.Rules).Select(r => r.TargetBackupVaultName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var vaults = await Task.WhenAll(vaultNames.Select(name => aws.Ask($"backup:DescribeBackupVault:{name}", () => aws.Backup.DescribeBackupVaultAsync(name, ct)))).ConfigureAwait(false);
        return new AccountPart(
            await protectedResources.ConfigureAwait(false),
            backupPlans,
            vaultNames.Zip(vaults).ToDictionary(v => v.First, v => v.Second, StringComparer.Ordinal),
            await detectors.ConfigureAwait(false),
            await findings.ConfigureAwait(false),
            await hub.ConfigureAwait(false));
    }

    private static async Task<Fetched<List<BackupPlanSelections>>> BackupPlansAsync(AwsQuestions aws, CancellationToken ct)
    {
        var ids = await aws.Ask("backup:ListBackupPlans", () => aws.Backup.ListBackupPlansAsync(ct)).ConfigureAwait(false);
        return await EachAsync(ids, async id =>
        {
            var plan = aws.Ask($"backup:GetBackupPlan:{id}", () => aws.Backup.GetBackupPlanAsync(id, ct));
            var selectionIds = await aws.Ask($"backup:ListBackupSelections:{id}", () => aws.Backup.ListBackupSelectionsAsync(id, ct)).ConfigureAwait(false);
            var selections = await EachAsync(selectionIds, selectionId =>
                aws.Ask($"backup:GetBackupSelection:{id}/{selectionId}", () => aws.Backup.GetBackupSelectionAsync(id, selectionId, ct))).ConfigureAwait(false);
            var answer = await plan.ConfigureAwait(false);
            return (answer.Error ?? selections.Error) is { } error
                ? Fetched<BackupPlanSelections>.Failed(error)
                : Fetched<BackupPlanSelections>.Of(new BackupPlanSelections(answer.Value!, selections.Value!));
        }).ConfigureAwait(false);
    }

    private static async Task<Fetched<List<GuardDutyDetector>>> DetectorsAsync(AwsQuestions aws, CancellationToken ct)
    {
        var ids = await aws.Ask("guardduty:ListDetectors", () => aws.GuardDuty.ListDetectorsAsync(ct)).ConfigureAwait(false);
        return await EachAsync(ids, async id =>
        {
            var detector = await aws.Ask($"guardduty:GetDetector:{id}", () => aws.GuardDuty.GetDetectorAsync(id, ct)).ConfigureAwait(false);
            return detector.Error is { } error ? Fetched<GuardDutyDetector>.Failed(error) : Fetched<GuardDutyDetector>.Of(new GuardDutyDetector(id, detector.Value!));
        }).ConfigureAwait(false);
    }

    private static async Task<Fetched<List<GuardDutyFinding>>> FindingsAsync(AwsQuestions aws, CancellationToken ct)
    {
        var ids = await aws.Ask("guardduty:ListDetectors", () => aws.GuardDuty.ListDetectorsAsync(ct)).ConfigureAwait(false);
        var perDetector = await EachAsync(ids, async id =>
        {
            var findingIds = await aws.Ask($"guardduty:ListFindings:{id}", () => aws.GuardDuty.ListFindingsAsync(id, HighSeverity, ct)).ConfigureAwait(false);
            return findingIds.Error is { } error
                ? Fetched<List<GuardDutyFinding>>.Failed(error)
                : findingIds.Value!.Count == 0
                    ? Fetched<List<GuardDutyFinding>>.Of([])
                    : await aws.Ask($"guardduty:GetFindings:{id}", () => aws.GuardDuty.GetFindingsAsync(id, findingIds.Value!, ct)).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return perDetector.Error is { } failed ? Fetched<List<GuardDutyFinding>>.Failed(failed) : Fetched<List<GuardDutyFinding>>.Of([.. perDetector.Value!.SelectMany(f => f)]);
    }

    /// <summary>Asks <paramref name="ask"/> for every item of a list in parallel; the list's or any item's failure fails the whole.</summary>
    private static async Task<Fetched<List<TOut>>> EachAsync<TIn, TOut>(Fetched<List<TIn>> list, Func<TIn, Task<Fetched<TOut>>> ask)
    {
        if (list.Error is { } error)
        {
            return Fetched<List<TOut>>.Failed(error);
        }

        var answers = await Task.WhenAll(list.Value!.Select(ask)).ConfigureAwait(false);
        return answers.FirstOrDefault(a => a.Error is not null)?.Error is { } failed
            ? Fetched<List<TOut>>.Failed(failed)
            : Fetched<List<TOut>>.Of([.. answers.Select(a => a.Value!)]);
    }
}
