namespace Verification.Probes.Connectivity.Checks;

/// <summary>Every data-path check, in the order reports show them.</summary>
public static class DataPathCatalog
{
    public static IReadOnlyList<DataPathCheck> All { get; } =
    [
        new PostgresAcceptsVerifiedTls(),
        new PostgresRefusesPlaintext(),
        new DbSecretNamesDbEndpoint(),
        new DbEndpointResolvesPrivate(),
        new RedisAcceptsAuthenticatedTls(),
        new RedisRefusesPlaintext(),
        new RedisEndpointResolvesPrivate(),
        new AlbServesModernTls(),
        new AlbRedirectsHttpToHttps(),
    ];
}
