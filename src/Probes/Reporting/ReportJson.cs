using System.Text.Json;
using Verification.Probes.Collection;

namespace Verification.Probes.Reporting;

/// <summary>Reads and writes evidence.json with the snapshot's JSON conventions.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options => SnapshotJson.Options;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string what) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"{what} holds nothing");

    public static void Save<T>(T value, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Serialize(value));
    }

    public static T Load<T>(string path) => Deserialize<T>(File.ReadAllText(path), Path.GetFileName(path));
}
