using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>ECR (JSON 1.1, 2015-09-21; endpoint api.ecr, signed as ecr). Scenario key: repositories (DescribeRepositories shapes, lowerCamel).</summary>
internal sealed class EcrHandler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["DescribeRepositories"];

    public override JsonObject Handle(ServiceRequest request)
    {
        var registry = request.Str("registryId") ?? request.Scenario.Account;
        var names = request.Strs("repositoryNames");
        if (names.Count > 0 && request.Int("maxResults") is not null)
        {
            throw new AwsError("InvalidParameterException", "maxResults and repositoryNames cannot be specified together.");
        }

        var repositories = request.Items("ecr", "repositories").Where(r => r.Str("registryId") == registry).ToList();
        if (names.FirstOrDefault(n => repositories.All(r => r.Str("repositoryName") != n)) is { } missing)
        {
            throw new AwsError("RepositoryNotFoundException", $"The repository with name '{missing}' does not exist in the registry with id '{registry}'");
        }

        var wanted = names.Count == 0 ? repositories : repositories.Where(r => names.Contains(r.Str("repositoryName")!));
        var (page, next) = Paging.Slice(request, wanted, request.Str("nextToken"), request.Int("maxResults"), "InvalidParameterException");
        return Resources.Output(("repositories", page), ("nextToken", next));
    }
}
