using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>ECS (JSON 1.1, 2014-11-13). Scenario keys: clusters, services, taskDefinitions, tasks (wire shapes, lowerCamel).</summary>
internal sealed class EcsHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } =
        ["ListClusters", "DescribeClusters", "ListServices", "DescribeServices", "DescribeTaskDefinition", "ListTasks", "DescribeTasks"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "ListClusters" => Arns(request, "clusterArns", request.Items("ecs", "clusters").Select(c => c.Str("clusterArn")!)),
        "DescribeClusters" => DescribeClusters(request),
        "ListServices" => Arns(request, "serviceArns", Services(request, Cluster(request)).Select(s => s.Str("serviceArn")!)),
        "DescribeServices" => DescribeServices(request),
        "DescribeTaskDefinition" => DescribeTaskDefinition(request),
        "ListTasks" => ListTasks(request),
        "DescribeTasks" => DescribeTasks(request),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject DescribeClusters(ServiceRequest request)
    {
        var include = request.Strs("include");
        var wanted = request.Strs("clusters") is { Count: > 0 } named ? named : ["default"];
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in wanted)
        {
            if (FindCluster(request, id) is { } cluster)
            {
                // Settings, configuration, tags and statistics come back only when asked for with include.
                var copy = cluster.DeepClone().AsObject();
                RemoveUnless(copy, include, "SETTINGS", "settings");
                RemoveUnless(copy, include, "CONFIGURATIONS", "configuration");
                RemoveUnless(copy, include, "ATTACHMENTS", "attachments");
                Empty(copy, include, "TAGS", "tags");
                Empty(copy, include, "STATISTICS", "statistics");
                found.Add(copy);
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = Arn(request, "cluster", id), ["reason"] = "MISSING" });
            }
        }

        return Resources.Output(("clusters", found), ("failures", failures));
    }

    private static JsonObject DescribeServices(ServiceRequest request)
    {
        var cluster = Cluster(request);
        var services = Services(request, cluster).ToList();
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in request.Strs("services"))
        {
            var service = services.FirstOrDefault(s => s.Str("serviceArn") == id || s.Str("serviceName") == id);
            if (service is not null)
            {
                found.Add(service.Without(request.Strs("include").Contains("TAGS") ? [] : ["tags"]));
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = Arn(request, "service", $"{cluster.Str("clusterName")}/{id}"), ["reason"] = "MISSING" });
            }
        }

        return Resources.Output(("services", found), ("failures", failures));
    }

    private static JsonObject DescribeTaskDefinition(ServiceRequest request)
    {
        var id = request.RequiredStr("taskDefinition", "ClientException");
        var definitions = request.Items("ecs", "taskDefinitions").ToList();
        // A bare family means its latest ACTIVE revision.
        var definition = definitions.FirstOrDefault(d => d.Str("taskDefinitionArn") == id || $"{d.Str("family")}:{d["revision"]}" == id)
            ?? definitions.Where(d => d.Str("family") == id && d.Str("status") == "ACTIVE").MaxBy(d => d["revision"]!.GetValue<int>())
            ?? throw new AwsError("ClientException", "Unable to describe task definition.");
        return Resources.Output(("taskDefinition", definition.DeepClone()), ("tags", new JsonArray()));
    }

    private static JsonObject ListTasks(ServiceRequest request)
    {
        var cluster = Cluster(request);
        var status = request.Str("desiredStatus") ?? "RUNNING";
        var service = request.Str("serviceName");
        var family = request.Str("family");
        var tasks = Tasks(request, cluster).Where(t =>
            t.Str("desiredStatus") == status
            && (service is null || t.Str("group") == "service:" + service)
            && (family is null || (t.Str("taskDefinitionArn") ?? "").Contains($"/{family}:", StringComparison.Ordinal)));
        return Arns(request, "taskArns", tasks.Select(t => t.Str("taskArn")!));
    }

    private static JsonObject DescribeTasks(ServiceRequest request)
    {
        var tasks = Tasks(request, Cluster(request)).ToList();
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var id in request.Strs("tasks"))
        {
            var task = tasks.FirstOrDefault(t => t.Str("taskArn") == id || t.Str("taskArn")?.EndsWith("/" + id, StringComparison.Ordinal) == true);
            if (task is not null)
            {
                found.Add(task.DeepClone());
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = id, ["reason"] = "MISSING" });
            }
        }

        return Resources.Output(("tasks", found), ("failures", failures));
    }

    private static JsonObject Arns(ServiceRequest request, string member, IEnumerable<string> arns)
    {
        var (page, next) = Paging.Slice(request, arns.Select(a => (JsonNode)a), request.Str("nextToken"), request.Int("maxResults"), "InvalidParameterException");
        return Resources.Output((member, page), ("nextToken", next));
    }

    private static JsonObject Cluster(ServiceRequest request) =>
        FindCluster(request, request.Str("cluster") ?? "default") ?? throw new AwsError("ClusterNotFoundException", "Cluster not found.");

    private static JsonObject? FindCluster(ServiceRequest request, string id) =>
        request.Items("ecs", "clusters").FirstOrDefault(c => c.Str("clusterName") == id || c.Str("clusterArn") == id);

    private static IEnumerable<JsonObject> Services(ServiceRequest request, JsonObject cluster) =>
        request.Items("ecs", "services").Where(s => s.Str("clusterArn") == cluster.Str("clusterArn"));

    private static IEnumerable<JsonObject> Tasks(ServiceRequest request, JsonObject cluster) =>
        request.Items("ecs", "tasks").Where(t => t.Str("clusterArn") == cluster.Str("clusterArn"));

    private static string Arn(ServiceRequest request, string type, string name) =>
        $"arn:aws:ecs:{request.Scenario.Region}:{request.Scenario.Account}:{type}/{name}";

    private static void RemoveUnless(JsonObject item, IReadOnlyList<string> include, string flag, string member)
    {
        if (!include.Contains(flag))
        {
            item.Remove(member);
        }
    }

    private static void Empty(JsonObject item, IReadOnlyList<string> include, string flag, string member)
    {
        if (!include.Contains(flag) && item.ContainsKey(member))
        {
            item[member] = new JsonArray();
        }
    }
}
