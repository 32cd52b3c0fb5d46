using System.Globalization;
using System.Text.Json;
using Verification.Probes.Aws.SecretsManager;

namespace Verification.Probes.Connectivity;

/// <summary>A secret that cannot serve as a data-path credential; the message names the secret and the key, never a value.</summary>
public sealed class CredentialsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The data-path credentials as the application reads them: GetSecretValue on the stack's database secret (JSON with
/// username, password and optionally dbname, host, port, as RDS and its rotation functions write it) and, when named,
/// on the Redis AUTH secret (a plain string, or JSON with token, auth_token or password).
/// </summary>
public sealed class SecretsManagerCredentials(SecretsManagerClient client, string dbSecretArn, string? redisAuthSecretArn) : IDataPathCredentials
{
    /// <summary>The database name when the secret names none: RDS-managed master secrets carry only username and password.</summary>
    public const string DefaultDbName = "postgres";

    static readonly string[] TokenKeys = ["token", "auth_token", "password"];

    /// <inheritdoc />
    public async Task<DataPathCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var db = await client.GetSecretValueAsync(dbSecretArn, cancellationToken).ConfigureAwait(false);
        var token = redisAuthSecretArn is null
            ? null
            : RedisToken(await client.GetSecretValueAsync(redisAuthSecretArn, cancellationToken).ConfigureAwait(false));
        return Database(db, token);
    }

    static DataPathCredentials Database(SecretValue secret, string? redisToken)
    {
        using var document = Json(secret, "a JSON object with username and password");
        var root = document.RootElement;
        var port = Text(root, "port");
        return new DataPathCredentials(
            Required(secret, root, "username"),
            Required(secret, root, "password"),
            Text(root, "dbname") ?? DefaultDbName,
            redisToken)
        {
            SecretHost = Text(root, "host"),
            SecretPort = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null,
        };
    }

    static string RedisToken(SecretValue secret)
    {
        var text = secret.Reveal();
        if (secret.IsBinary)
            throw new CredentialsException($"Secret {secret.Arn} is stored as SecretBinary; expected the Redis AUTH token as a string.");
        if (!text.TrimStart().StartsWith('{'))
            return text.Length > 0 ? text : throw new CredentialsException($"Secret {secret.Arn} is empty; expected the Redis AUTH token.");

        using var document = Json(secret, "the token as a plain string or JSON with token, auth_token or password");
        return TokenKeys.Select(key => Text(document.RootElement, key)).FirstOrDefault(v => v is { Length: > 0 })
            ?? throw new CredentialsException($"Secret {secret.Arn} is JSON without a non-empty {string.Join(", ", TokenKeys)}; expected the Redis AUTH token under one of them.");
    }

    static JsonDocument Json(SecretValue secret, string expected)
    {
        if (secret.IsBinary)
            throw new CredentialsException($"Secret {secret.Arn} is stored as SecretBinary; expected {expected}.");
        try
        {
            var document = JsonDocument.Parse(secret.Reveal());
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document;
            document.Dispose();
        }
        catch (JsonException)
        {
            // The parser's message can quote the secret; only the shape is reported.
        }

        throw new CredentialsException($"Secret {secret.Arn} is not a JSON object; expected {expected}.");
    }

    static string Required(SecretValue secret, JsonElement root, string key) =>
        Text(root, key) is { Length: > 0 } value
            ? value
            : throw new CredentialsException($"Secret {secret.Arn} has no non-empty '{key}'; expected the keys username and password (and optionally dbname, host, port).");

    static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
