using Amazon.Runtime;

namespace Verification.Sandbox;

/// <summary>The one key pair the sandbox accepts; deliberately fake and published, so printing it leaks nothing.</summary>
public static class SandboxCredentials
{
    /// <summary>The sandbox access key id.</summary>
    public const string AccessKeyId = "AKIASANDBOXEXAMPLE01";

    /// <summary>The sandbox secret access key.</summary>
    public const string SecretAccessKey = "sandbox/secret/key/EXAMPLE0000000000000000";

    /// <summary>The pair as the SDK's credentials type, for signing and verifying.</summary>
    public static ImmutableCredentials Immutable { get; } = new(AccessKeyId, SecretAccessKey, null);
}
