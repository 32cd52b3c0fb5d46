using System.Globalization;

namespace Verification.Connectivity;

/// <summary>The ports sandbox/servers/up.sh wrote to ports.env, defective servers included.</summary>
internal sealed class SandboxPorts(IReadOnlyDictionary<string, string> values)
{
    public static SandboxPorts Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path} does not exist: start the sandbox servers with `bash sandbox/servers/up.sh`.", path);

        var values = File.ReadAllLines(path)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        return new SandboxPorts(values);
    }

    public int this[string key] => int.Parse(values[key], CultureInfo.InvariantCulture);

    public string OtherCaBundle => values["OTHER_CA_BUNDLE"];
}
