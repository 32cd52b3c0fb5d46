using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// AWS Backup (REST-JSON, 2018-11-15). Scenario keys: ProtectedResources (DescribeProtectedResource shapes), BackupPlans
/// (GetBackupPlan answers), BackupSelections (GetBackupSelection answers), BackupVaults (DescribeBackupVault answers);
/// timestamps in epoch seconds, as REST-JSON bodies carry them.
/// </summary>
internal sealed class BackupHandler : ServiceHandler
{
    public override IReadOnlyList<RestRoute> Routes { get; } =
    [
        new("GET", "/resources/", "ListProtectedResources"),
        new("GET", "/backup/plans/", "ListBackupPlans"),
        new("GET", "/backup/plans/{backupPlanId}/", "GetBackupPlan"),
        new("GET", "/backup/plans/{backupPlanId}/selections/", "ListBackupSelections"),
        new("GET", "/backup/plans/{backupPlanId}/selections/{selectionId}", "GetBackupSelection"),
        new("GET", "/backup-vaults/{backupVaultName}", "DescribeBackupVault"),
    ];

    public override IReadOnlyCollection<string> Actions => [.. Routes.Select(r => r.Action)];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "ListProtectedResources" => Page(request, "Results", request.Items("backup", "ProtectedResources")
            .Select(r => Resources.Output(("ResourceArn", r["ResourceArn"]?.DeepClone()), ("ResourceType", r["ResourceType"]?.DeepClone()),
                ("LastBackupTime", r["LastBackupTime"]?.DeepClone()), ("ResourceName", r["ResourceName"]?.DeepClone()),
                ("LastBackupVaultArn", r["LastBackupVaultArn"]?.DeepClone()), ("LastRecoveryPointArn", r["LastRecoveryPointArn"]?.DeepClone())))),
        "ListBackupPlans" => Page(request, "BackupPlansList", request.Items("backup", "BackupPlans")
            .Select(p => Resources.Output(("BackupPlanArn", p["BackupPlanArn"]?.DeepClone()), ("BackupPlanId", p["BackupPlanId"]?.DeepClone()),
                ("CreationDate", p["CreationDate"]?.DeepClone()), ("VersionId", p["VersionId"]?.DeepClone()),
                ("BackupPlanName", p["BackupPlan"]?["BackupPlanName"]?.DeepClone())))),
        "GetBackupPlan" => Plan(request).DeepClone().AsObject(),
        "ListBackupSelections" => Page(request, "BackupSelectionsList", Selections(request)
            .Select(s => Resources.Output(("SelectionId", s["SelectionId"]?.DeepClone()), ("SelectionName", s["BackupSelection"]?["SelectionName"]?.DeepClone()),
                ("BackupPlanId", s["BackupPlanId"]?.DeepClone()), ("CreationDate", s["CreationDate"]?.DeepClone()),
                ("IamRoleArn", s["BackupSelection"]?["IamRoleArn"]?.DeepClone())))),
        "GetBackupSelection" => (Selections(request).FirstOrDefault(s => s.Str("SelectionId") == request.Param("selectionId"))
            ?? throw NotFound("Selection")).DeepClone().AsObject(),
        "DescribeBackupVault" => (request.Items("backup", "BackupVaults").FirstOrDefault(v => v.Str("BackupVaultName") == request.Param("backupVaultName"))
            ?? throw NotFound("Backup vault")).DeepClone().AsObject(),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject Plan(ServiceRequest request) =>
        request.Items("backup", "BackupPlans").FirstOrDefault(p => p.Str("BackupPlanId") == request.Param("backupPlanId")) ?? throw NotFound("Backup plan");

    private static IEnumerable<JsonObject> Selections(ServiceRequest request)
    {
        var plan = Plan(request).Str("BackupPlanId");
        return request.Items("backup", "BackupSelections").Where(s => s.Str("BackupPlanId") == plan);
    }

    private static JsonObject Page(ServiceRequest request, string member, IEnumerable<JsonNode> items)
    {
        var (page, next) = Paging.Slice(request, items, request.Param("nextToken"), request.IntParam("maxResults"), "InvalidParameterValueException");
        return Resources.Output((member, page), ("NextToken", next));
    }

    private static AwsError NotFound(string what) => new("ResourceNotFoundException", $"{what} not found.", HttpStatusCode.NotFound);
}
