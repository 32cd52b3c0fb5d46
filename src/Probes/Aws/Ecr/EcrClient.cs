using System.Text.Json;
using System.Text.Json.Nodes;
using Verification.Probes.Aws.Model;
using Verification.Probes.Aws.Transport;

namespace Verification.Probes.Aws.Ecr;

/// <summary>ECR questions over JSON 1.1 (lowerCamel wire names, endpoint api.ecr, signed as ecr).</summary>
public sealed class EcrClient(AwsTransport transport)
{
    // ECR's documented ceiling for repositoryNames in one DescribeRepositories call.
    private const int NameBatch = 100;

    private readonly JsonClient _json = new(transport, AwsService.Ecr);

    /// <summary>
    /// The named repositories of <paramref name="registryId"/> (the account). A name ECR does not know fails the whole call
    /// with RepositoryNotFoundException, which the caller took from a task definition's image: an error, never a short list.
    /// </summary>
    public async Task<List<Repository>> DescribeRepositoriesAsync(string registryId, IReadOnlyList<string> repositoryNames, CancellationToken cancellationToken)
    {
        var found = new List<Repository>();
        foreach (var batch in repositoryNames.Chunk(NameBatch))
        {
            // maxResults may not be combined with repositoryNames; the answer may still page.
            var request = new JsonObject { ["registryId"] = registryId, ["repositoryNames"] = new JsonArray([.. batch.Select(n => (JsonNode)JsonValue.Create(n))]) };
            var pages = await _json.PagesAsync("DescribeRepositories", request, "nextToken", cancellationToken).ConfigureAwait(false);
            found.AddRange(_json.Read("DescribeRepositories", () => pages.SelectMany(page => page.Items("repositories")).Select(ToRepository).ToList()));
        }

        return found;
    }

    private static Repository ToRepository(JsonElement repository) => new()
    {
        RepositoryArn = repository.Text("repositoryArn") ?? "",
        RegistryId = repository.Text("registryId"),
        RepositoryName = repository.Text("repositoryName") ?? "",
        RepositoryUri = repository.Text("repositoryUri"),
        ImageTagMutability = repository.Text("imageTagMutability"),
        ImageScanningConfiguration = repository.Member("imageScanningConfiguration") is { } scanning
            ? new ImageScanningConfiguration { ScanOnPush = scanning.Bool("scanOnPush") }
            : null,
    };
}
