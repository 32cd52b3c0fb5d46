using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Probes.Aws.SecretsManager;

/// <summary>
/// A secret's value, kept out of every printed or saved form: ToString, the debugger and System.Text.Json all show
/// "****", and the text is reachable only through <see cref="Reveal"/>. The snapshot and reports are evidence that
/// leaves the machine, and a PHI database password in them would itself be a HIPAA finding (164.312(a)(1)).
/// </summary>
[JsonConverter(typeof(SecretValueConverter))]
[DebuggerDisplay("****")]
public sealed class SecretValue
{
    /// <summary>What every printed form of a secret shows.</summary>
    public const string Redacted = "****";

    private readonly string _value;

    public SecretValue(string arn, string? name, string? versionId, DateTimeOffset? createdDate, string value, bool isBinary)
    {
        Arn = arn;
        Name = name;
        VersionId = versionId;
        CreatedDate = createdDate;
        _value = value;
        IsBinary = isBinary;
    }

    public string Arn { get; }

    public string? Name { get; }

    public string? VersionId { get; }

    public DateTimeOffset? CreatedDate { get; }

    /// <summary>True when the secret was stored as SecretBinary; <see cref="Reveal"/> then returns it base64-encoded, as sent.</summary>
    public bool IsBinary { get; }

    /// <summary>The secret text (a method, not a property, so no serializer or logger picks it up by reflection).</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;
}

/// <summary>Writes a <see cref="SecretValue"/> as its metadata with the value redacted, and refuses to read one back.</summary>
public sealed class SecretValueConverter : JsonConverter<SecretValue>
{
    public override SecretValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("a secret value is never read from a document");

    public override void Write(Utf8JsonWriter writer, SecretValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("ARN", value.Arn);
        writer.WriteString("Name", value.Name);
        writer.WriteString("VersionId", value.VersionId);
        writer.WriteString("Value", SecretValue.Redacted);
        writer.WriteEndObject();
    }
}
