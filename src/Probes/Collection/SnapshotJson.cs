using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Probes.Collection;

/// <summary>The snapshot's JSON form: what the evidence bundle stores and what offline re-evaluation reads back.</summary>
public static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(StackSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static StackSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<StackSnapshot>(json, Options) ?? throw new JsonException("the snapshot file holds no snapshot");

    public static async Task SaveAsync(StackSnapshot snapshot, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, Serialize(snapshot), cancellationToken).ConfigureAwait(false);
    }

    public static StackSnapshot Load(string path) => Deserialize(File.ReadAllText(path));
}
