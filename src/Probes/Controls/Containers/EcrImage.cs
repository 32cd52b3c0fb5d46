using System.Text.RegularExpressions;

namespace Verification.Probes.Controls.Containers;

/// <summary>A container image held in a private ECR registry: "&lt;account&gt;.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;repository&gt;[:tag|@digest]".</summary>
internal sealed partial record EcrImage(string Account, string Region, string Repository)
{
    /// <summary>The ECR image <paramref name="image"/> names, or null for any other registry (Docker Hub, ECR Public, another host).</summary>
    public static EcrImage? Parse(string? image) =>
        image is not null && Uri().Match(image) is { Success: true } m
            ? new EcrImage(m.Groups["account"].Value, m.Groups["region"].Value, m.Groups["repository"].Value)
            : null;

    /// <summary>The distinct images from <paramref name="account"/>'s ECR among <paramref name="images"/>.</summary>
    public static List<EcrImage> OfAccount(IEnumerable<string?> images, string account) =>
        [.. images.Select(Parse).OfType<EcrImage>().Where(i => i.Account == account).Distinct()];

    // Repository names are lower case with . _ - / separators; FIPS endpoints are dkr.ecr-fips; China partition hosts end in .com.cn.
    [GeneratedRegex(@"^(?<account>\d{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?/(?<repository>[a-z0-9][a-z0-9._/-]*)(:[\w.-]+)?(@sha256:[0-9a-f]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Uri();
}
