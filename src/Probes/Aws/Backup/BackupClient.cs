using System.Text.Json;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Backup;

/// <summary>AWS Backup questions over REST-JSON (PascalCase wire names; timestamps in epoch seconds).</summary>
public sealed class BackupClient(AwsTransport transport)
{
    // Operations as service-2.json declares them (http.method, http.requestUri).
    private static readonly RestOperation ListProtectedResources = new("ListProtectedResources", "GET", "/resources/");
    private static readonly RestOperation ListBackupPlans = new("ListBackupPlans", "GET", "/backup/plans/");
    private static readonly RestOperation GetBackupPlan = new("GetBackupPlan", "GET", "/backup/plans/{backupPlanId}/");
    private static readonly RestOperation ListBackupSelections = new("ListBackupSelections", "GET", "/backup/plans/{backupPlanId}/selections/");
    private static readonly RestOperation GetBackupSelection = new("GetBackupSelection", "GET", "/backup/plans/{backupPlanId}/selections/{selectionId}");
    private static readonly RestOperation DescribeBackupVault = new("DescribeBackupVault", "GET", "/backup-vaults/{backupVaultName}");

    // NextToken and MaxResults are the querystring members nextToken and maxResults; the answer says NextToken.
    private static readonly RestPaging Token = RestPaging.QueryToken("nextToken", "NextToken");
    private static readonly Dictionary<string, string> PageSize = new(StringComparer.Ordinal) { ["maxResults"] = "1000" };

    private readonly RestJsonClient _rest = new(transport, AwsService.Backup);

    /// <summary>Every resource AWS Backup has a recovery point of, with its last backup.</summary>
    public async Task<List<ProtectedResource>> ListProtectedResourcesAsync(CancellationToken cancellationToken)
    {
        var pages = await _rest.PagesAsync(ListProtectedResources, null, PageSize, null, Token, cancellationToken).ConfigureAwait(false);
        return _rest.Read(ListProtectedResources, () => pages.SelectMany(page => page.Items("Results")).Select(item => new ProtectedResource
        {
            ResourceArn = item.Text("ResourceArn") ?? throw new FormatException("a protected resource has no ResourceArn"),
            ResourceType = item.Text("ResourceType"),
            LastBackupTime = item.EpochSeconds("LastBackupTime"),
            LastBackupVaultArn = item.Text("LastBackupVaultArn"),
        }).ToList());
    }

    /// <summary>The ids of every current (not deleted) backup plan.</summary>
    public async Task<List<string>> ListBackupPlansAsync(CancellationToken cancellationToken)
    {
        var pages = await _rest.PagesAsync(ListBackupPlans, null, PageSize, null, Token, cancellationToken).ConfigureAwait(false);
        return _rest.Read(ListBackupPlans, () => pages.SelectMany(page => page.Items("BackupPlansList"))
            .Select(plan => plan.Text("BackupPlanId") ?? throw new FormatException("a listed plan has no BackupPlanId")).ToList());
    }

    /// <summary>The plan's current version: its rules, target vaults and lifecycles.</summary>
    public async Task<GetBackupPlanOutput> GetBackupPlanAsync(string backupPlanId, CancellationToken cancellationToken)
    {
        var answer = await _rest.CallAsync(GetBackupPlan, Labels(("backupPlanId", backupPlanId)), null, null, cancellationToken).ConfigureAwait(false);
        return _rest.Read(GetBackupPlan, () => new GetBackupPlanOutput
        {
            BackupPlanId = answer.Text("BackupPlanId") ?? backupPlanId,
            BackupPlanArn = answer.Text("BackupPlanArn"),
            VersionId = answer.Text("VersionId"),
            BackupPlan = answer.Member("BackupPlan") is { } plan
                ? new BackupPlan { BackupPlanName = plan.Text("BackupPlanName"), Rules = [.. plan.Items("Rules").Select(ToRule)] }
                : throw new FormatException("GetBackupPlan answered without BackupPlan"),
        });
    }

    /// <summary>The ids of the plan's resource selections.</summary>
    public async Task<List<string>> ListBackupSelectionsAsync(string backupPlanId, CancellationToken cancellationToken)
    {
        var pages = await _rest.PagesAsync(ListBackupSelections, Labels(("backupPlanId", backupPlanId)), PageSize, null, Token, cancellationToken).ConfigureAwait(false);
        return _rest.Read(ListBackupSelections, () => pages.SelectMany(page => page.Items("BackupSelectionsList"))
            .Select(selection => selection.Text("SelectionId") ?? throw new FormatException("a listed selection has no SelectionId")).ToList());
    }

    /// <summary>Which resources one selection assigns to its plan.</summary>
    public async Task<BackupSelection> GetBackupSelectionAsync(string backupPlanId, string selectionId, CancellationToken cancellationToken)
    {
        var answer = await _rest.CallAsync(GetBackupSelection, Labels(("backupPlanId", backupPlanId), ("selectionId", selectionId)), null, null, cancellationToken).ConfigureAwait(false);
        return _rest.Read(GetBackupSelection, () => answer.Member("BackupSelection") is { } selection
            ? new BackupSelection
            {
                SelectionName = selection.Text("SelectionName"),
                IamRoleArn = selection.Text("IamRoleArn"),
                Resources = selection.Strings("Resources"),
                NotResources = selection.Strings("NotResources"),
                ListOfTags = [.. selection.Items("ListOfTags").Select(tag => new BackupCondition
                {
                    ConditionType = tag.Text("ConditionType"),
                    ConditionKey = tag.Text("ConditionKey") ?? "",
                    ConditionValue = tag.Text("ConditionValue") ?? "",
                })],
                Conditions = selection.Member("Conditions") is { } conditions ? new BackupConditions
                {
                    StringEquals = Parameters(conditions, "StringEquals"),
                    StringNotEquals = Parameters(conditions, "StringNotEquals"),
                    StringLike = Parameters(conditions, "StringLike"),
                    StringNotLike = Parameters(conditions, "StringNotLike"),
                } : null,
            }
            : throw new FormatException("GetBackupSelection answered without BackupSelection"));
    }

    /// <summary>The vault's encryption key and lock.</summary>
    public async Task<BackupVault> DescribeBackupVaultAsync(string backupVaultName, CancellationToken cancellationToken)
    {
        var answer = await _rest.CallAsync(DescribeBackupVault, Labels(("backupVaultName", backupVaultName)), null, null, cancellationToken).ConfigureAwait(false);
        return _rest.Read(DescribeBackupVault, () => new BackupVault
        {
            BackupVaultName = answer.Text("BackupVaultName") ?? backupVaultName,
            BackupVaultArn = answer.Text("BackupVaultArn"),
            EncryptionKeyArn = answer.Text("EncryptionKeyArn"),
            EncryptionKeyType = answer.Text("EncryptionKeyType"),
            Locked = answer.Bool("Locked"),
            MinRetentionDays = answer.Long("MinRetentionDays"),
            MaxRetentionDays = answer.Long("MaxRetentionDays"),
            LockDate = answer.EpochSeconds("LockDate"),
        });
    }

    private static BackupRule ToRule(JsonElement rule) => new()
    {
        RuleName = rule.Text("RuleName"),
        TargetBackupVaultName = rule.Text("TargetBackupVaultName"),
        ScheduleExpression = rule.Text("ScheduleExpression"),
        EnableContinuousBackup = rule.Bool("EnableContinuousBackup"),
        Lifecycle = rule.Member("Lifecycle") is { } lifecycle
            ? new Lifecycle { MoveToColdStorageAfterDays = lifecycle.Long("MoveToColdStorageAfterDays"), DeleteAfterDays = lifecycle.Long("DeleteAfterDays") }
            : null,
    };

    private static List<ConditionParameter> Parameters(JsonElement conditions, string name) =>
        [.. conditions.Items(name).Select(p => new ConditionParameter { ConditionKey = p.Text("ConditionKey") ?? "", ConditionValue = p.Text("ConditionValue") ?? "" })];

    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);
}
