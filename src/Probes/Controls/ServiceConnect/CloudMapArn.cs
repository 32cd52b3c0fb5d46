using System.Text.RegularExpressions;

namespace Verification.Probes.Controls.ServiceConnect;

/// <summary>The shape of a Cloud Map namespace ARN, which ECS Service Connect requires (a DNS name is rejected at deploy time).</summary>
public static partial class CloudMapArn
{
    [GeneratedRegex(@"^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:namespace/(ns-[a-z0-9]+)$")]
    private static partial Regex Pattern();

    /// <summary>The namespace id (ns-...) when <paramref name="value"/> is a Cloud Map namespace ARN, else null.</summary>
    public static string? NamespaceId(string? value) => value is not null && Pattern().Match(value) is { Success: true } m ? m.Groups[1].Value : null;
}
