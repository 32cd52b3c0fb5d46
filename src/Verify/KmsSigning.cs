using Amazon.KeyManagementService;
using Amazon.Runtime;
using Verification.Probes.Aws;
using Verification.Probes.Reporting;
using Verification.Probes.Runs;

namespace Verification.Verify;

/// <summary>The KMS client behind --sign-kms-key and --kms-verify: the run's credentials and endpoint rules, the key's own region.</summary>
internal static class KmsSigning
{
    /// <summary>A signer for <paramref name="keyArn"/>; <paramref name="endpoint"/> and <paramref name="credentials"/> are the sandbox's, or null for AWS.</summary>
    /// <param name="region">The run's region, for a key given by id or alias.</param>
    public static async Task<ManifestSigner> SignerAsync(string keyArn, Uri? endpoint, AWSCredentials? credentials, RunSettings settings, string? region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var client = Client(keyArn, endpoint, credentials, settings.Profile, region ?? settings.Region, settings.AllowInsecureEndpoint);
        try
        {
            return await KmsManifestSigner.CreateAsync(client, keyArn, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeyException e)
        {
            client.Dispose();
            throw new UsageException($"--sign-kms-key {keyArn}: {e.Message}");
        }
    }

    /// <summary>The public key of <paramref name="keyArn"/> as KMS gives it now (kms:GetPublicKey), with the caller's credentials.</summary>
    public static async Task<string> PublicKeyAsync(string keyArn, CancellationToken cancellationToken)
    {
        using var client = Client(keyArn, null, null, null, null, allowInsecure: false);
        try
        {
            return await KmsManifestSigner.PublicKeyPemAsync(client, keyArn, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeyException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static AmazonKeyManagementServiceClient Client(string keyArn, Uri? endpoint, AWSCredentials? credentials, string? profile, string? region, bool allowInsecure)
    {
        // A key ARN names its region (arn:aws:kms:REGION:ACCOUNT:key/ID); a bare id or alias uses the run's.
        var parts = keyArn.Split(':');
        var keyRegion = parts.Length >= 6 && parts[0] == "arn" && parts[3].Length > 0 ? parts[3]
            : region ?? AwsSession.DefaultRegion() ?? throw new UsageException($"{keyArn}: no region in the key id and none configured; pass the key's full ARN.");
        var endpoints = new AwsEndpoints(endpoint);
        var url = endpoints.Resolve(AwsService.Kms, keyRegion);
        if (endpoint is null)
        {
            try
            {
                EndpointUses.RequireHttps(new Dictionary<string, EndpointUse> { ["kms"] = new(url.AbsoluteUri, !endpoints.IsOverridden(AwsService.Kms)) }, allowInsecure);
            }
            catch (InsecureEndpointException e)
            {
                throw new UsageException(e.Message);
            }
        }

        var config = new AmazonKeyManagementServiceConfig { ServiceURL = url.AbsoluteUri, AuthenticationRegion = keyRegion };
        try
        {
            return new AmazonKeyManagementServiceClient(credentials ?? Engine.ResolveCredentials(profile), config);
        }
        catch (RunSetupException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
