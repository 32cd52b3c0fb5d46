using System.Globalization;
using System.Text.RegularExpressions;

namespace Verification.Probes.Outputs;

/// <summary>The forms a stack output value may take, each a yes/no question on the text.</summary>
internal static partial class OutputForms
{
    /// <summary>vpc- followed by 8 (older accounts) or 17 hex digits.</summary>
    public static bool IsVpcId(string text) => VpcId().IsMatch(text);

    /// <summary>A DNS name or IPv4 address, no scheme, no port.</summary>
    public static bool IsHost(string text) => text.Length <= 253 && Host().IsMatch(text);

    /// <summary>host or host:port with port 1..65535.</summary>
    public static HostPort? TryHostPort(string text, int defaultPort)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return IsHost(text) ? new HostPort(text, defaultPort) : null;
        }

        var host = text[..colon];
        var portText = text[(colon + 1)..];
        var portIsValid = portText.All(char.IsAsciiDigit)
            && int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is >= 1 and <= 65535;
        return IsHost(host) && portIsValid ? new HostPort(host, int.Parse(portText, CultureInfo.InvariantCulture)) : null;
    }

    /// <summary>arn:aws:kms:region:account:key/id; an alias or alias ARN names no key and is refused.</summary>
    public static bool IsKmsKeyArn(string text) =>
        Arn.TryParse(text) is { Service: "kms" } arn && KmsKeyResource().IsMatch(arn.Resource);

    /// <summary>arn:aws:secretsmanager:region:account:secret:name.</summary>
    public static bool IsSecretArn(string text) =>
        Arn.TryParse(text) is { Service: "secretsmanager" } arn && SecretResource().IsMatch(arn.Resource);

    /// <summary>arn:aws:ecs:region:account:cluster/name.</summary>
    public static bool IsEcsClusterArn(string text) =>
        Arn.TryParse(text) is { Service: "ecs" } arn && arn.Resource.StartsWith("cluster/", StringComparison.Ordinal)
            && IsEcsClusterName(arn.Resource["cluster/".Length..]);

    /// <summary>Letters, digits, hyphens and underscores, up to 255 (the ECS CreateCluster rule).</summary>
    public static bool IsEcsClusterName(string text) => EcsClusterName().IsMatch(text);

    /// <summary>The CloudWatch Logs naming rule: up to 512 of letters, digits and _ - / . #.</summary>
    public static bool IsLogGroupName(string text) => LogGroupName().IsMatch(text);

    /// <summary>The S3 general purpose bucket naming rule: 3 to 63 of lowercase letters, digits, - and ., starting and ending with a letter or digit.</summary>
    public static bool IsBucketName(string text) => BucketName().IsMatch(text);

    /// <summary>A region code such as us-east-1 or us-gov-west-1.</summary>
    public static bool IsRegion(string text) => Region().IsMatch(text);

    /// <summary>A short suffix such as dev or pr1234: no spaces, nothing a resource name could not carry.</summary>
    public static bool IsEnvironmentSuffix(string text) => EnvironmentSuffix().IsMatch(text);

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    internal static partial Regex Region();

    [GeneratedRegex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex VpcId();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex Host();

    [GeneratedRegex("^key/[A-Za-z0-9-]+$")]
    private static partial Regex KmsKeyResource();

    [GeneratedRegex("^secret:[A-Za-z0-9/_+=.@-]+$")]
    private static partial Regex SecretResource();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex EcsClusterName();

    [GeneratedRegex("^[A-Za-z0-9_/.#-]{1,512}$")]
    private static partial Regex LogGroupName();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex EnvironmentSuffix();
}
