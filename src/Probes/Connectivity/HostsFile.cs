using System.Net;
using Verification.Probes.Runs;

namespace Verification.Probes.Connectivity;

/// <summary>A hosts file ("address name..." lines, # comments): the sandbox's stand-in for the VPC's private resolver.</summary>
public static class HostsFile
{
    public static IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SettingsException($"Setting SandboxHostsFile: {path} does not exist; expected a hosts file (address name ...), such as sandbox/hosts.");
        }

        var names = new Dictionary<string, List<IPAddress>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l.Split('#')[0].Trim(), i + 1)).Where(l => l.Item1.Length > 0))
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !IPAddress.TryParse(fields[0], out var address))
            {
                throw new SettingsException($"Setting SandboxHostsFile: {path} line {number}: expected 'address name ...', found '{line}'.");
            }

            foreach (var name in fields[1..])
            {
                (names.TryGetValue(name, out var list) ? list : names[name] = []).Add(address);
            }
        }

        return names.ToDictionary(n => n.Key, n => (IReadOnlyList<IPAddress>)n.Value, StringComparer.OrdinalIgnoreCase);
    }
}
