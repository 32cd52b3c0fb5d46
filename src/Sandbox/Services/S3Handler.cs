using System.Net;
using System.Text.Json.Nodes;
using Verification.Sandbox.Protocol;

namespace Verification.Sandbox.Services;

/// <summary>
/// S3 (REST-XML, 2006-03-01), bucket configuration reads only. Scenario key: Buckets, each with Name and, when
/// configured, ServerSideEncryptionConfiguration (one Rule object), VersioningConfiguration, PublicAccessBlockConfiguration
/// Policy (a JSON object) and LoggingEnabled. An absent configuration is answered with S3's own 404 code for it; logging
/// off is an empty BucketLoggingStatus, as S3 answers it.
/// </summary>
internal sealed class S3Handler : ServiceHandler
{
    public override IReadOnlyCollection<string> Actions { get; } = ["GetEncryptionConfiguration", "GetBucketVersioning", "GetBucketPublicAccessBlock", "GetBucketPolicy", "GetBucketLogging"];

    public override JsonObject Handle(ServiceRequest request)
    {
        var bucket = Bucket(request);
        return request.Action switch
        {
            "GetEncryptionConfiguration" => Configured(bucket, "ServerSideEncryptionConfiguration",
                new AwsError("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", HttpStatusCode.NotFound)),

            // A bucket that never had versioning answers an empty <VersioningConfiguration/>, not an error.
            "GetBucketVersioning" => Resources.Output(("VersioningConfiguration", bucket["VersioningConfiguration"]?.DeepClone() ?? new JsonObject())),
            "GetBucketPublicAccessBlock" => Configured(bucket, "PublicAccessBlockConfiguration",
                new AwsError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", HttpStatusCode.NotFound)),
            "GetBucketPolicy" => bucket["Policy"] is JsonObject policy
                ? Resources.Output(("Policy", policy.ToJsonString()))
                : throw new AwsError("NoSuchBucketPolicy", "The bucket policy does not exist", HttpStatusCode.NotFound),
            "GetBucketLogging" => Resources.Output(("BucketLoggingStatus", bucket["LoggingEnabled"] is JsonObject logging ? new JsonObject { ["LoggingEnabled"] = logging.DeepClone() } : new JsonObject())),
            _ => throw new InvalidOperationException(request.Action),
        };
    }

    private static JsonObject Bucket(ServiceRequest request)
    {
        var name = request.Param("Bucket") ?? "";
        return request.Items("s3", "Buckets").FirstOrDefault(b => b.Str("Name") == name)
            ?? throw new AwsError("NoSuchBucket", "The specified bucket does not exist", HttpStatusCode.NotFound);
    }

    private static JsonObject Configured(JsonObject bucket, string configuration, AwsError notConfigured) =>
        bucket[configuration] is JsonObject value ? Resources.Output((configuration, value.DeepClone())) : throw notConfigured;
}
