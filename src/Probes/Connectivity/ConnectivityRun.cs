using Amazon.Runtime;
using Verification.Probes.Aws;
using Verification.Probes.Aws.SecretsManager;
using Verification.Probes.Aws.Transport;
using Verification.Probes.Outputs;
using Verification.Probes.Runs;

namespace Verification.Probes.Connectivity;

/// <summary>Everything the data-path probes need, resolved the way a run against AWS resolves it.</summary>
public sealed record ConnectivityContext(StackOutputs Outputs, DataPathTargets Targets, DataPathCredentials Credentials);

/// <summary>Reads the stack outputs, then fetches the data-path credentials from Secrets Manager: what the probes' self-tests need without a whole engine run.</summary>
public static class ConnectivityRun
{
    /// <summary>Resolves endpoints and credentials for <paramref name="settings"/>.</summary>
    /// <param name="endpoint">An endpoint for every AWS service (the sandbox); null for real AWS.</param>
    /// <param name="awsCredentials">Explicit AWS credentials (the sandbox's); null for the profile or the SDK's standard chain.</param>
    /// <exception cref="OutputsException">The outputs file cannot be used.</exception>
    /// <exception cref="RunSetupException">No region or AWS credentials, or Secrets Manager refused.</exception>
    /// <exception cref="CredentialsException">A secret does not hold usable credentials.</exception>
    public static async Task<ConnectivityContext> PrepareAsync(
        ConnectivitySettings settings, Uri? endpoint, AWSCredentials? awsCredentials, TimeProvider time, CancellationToken cancellationToken)
    {
        var outputs = StackOutputsReader.Read(settings.OutputsPath);
        var region = settings.Region ?? outputs.Region ?? Engine.NonEmpty(outputs.ArnRegion) ?? AwsSession.DefaultRegion()
            ?? throw new RunSetupException("No AWS region: set Region in the runsettings, AWS_REGION, or a region in the profile.");
        using var session = new AwsSession(region, awsCredentials ?? Engine.ResolveCredentials(settings.Profile), new AwsEndpoints(endpoint), Aws.RetryPolicy.Default, time);
        var secrets = new SecretsManagerCredentials(new SecretsManagerClient(new AwsTransport(session)), outputs.DbSecretArn, settings.RedisAuthSecretArn);
        DataPathCredentials credentials;
        try
        {
            credentials = await secrets.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw new RunSetupException(
                $"Secrets Manager refused GetSecretValue for the data-path credentials ({e.Message}). The runner's role needs secretsmanager:GetSecretValue " +
                $"on {outputs.DbSecretArn}{(settings.RedisAuthSecretArn is null ? "" : $" and {settings.RedisAuthSecretArn}")}, and kms:Decrypt on the stack key.", e);
        }

        return new ConnectivityContext(outputs, DataPathTargets.From(outputs, settings), credentials);
    }
}
