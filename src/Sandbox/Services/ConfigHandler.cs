using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>AWS Config (JSON 1.1, 2014-11-12). Scenario keys: ConfigurationRecorders and ConfigurationRecordersStatus, as the two answers name them.</summary>
internal sealed class ConfigHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus"];

    public override JsonObject Handle(ServiceRequest request) => request.Action switch
    {
        "DescribeConfigurationRecorders" => List(request, "ConfigurationRecorders"),
        "DescribeConfigurationRecorderStatus" => List(request, "ConfigurationRecordersStatus"),
        _ => throw new InvalidOperationException(request.Action),
    };

    private static JsonObject List(ServiceRequest request, string member)
    {
        var names = request.Strs("ConfigurationRecorderNames");
        var items = request.Items("config", member).ToList();
        var kept = items.Where(r => names.Count == 0 || names.Contains(r.Str("name") ?? "")).ToList();
        if (names.Count > 0 && kept.Count != names.Count)
        {
            throw new AwsError("NoSuchConfigurationRecorderException", $"Cannot find configuration recorder with the specified name '{names[0]}'.");
        }

        return Resources.Output((member, new JsonArray([.. kept.Select(r => (JsonNode)r.DeepClone())])));
    }
}
