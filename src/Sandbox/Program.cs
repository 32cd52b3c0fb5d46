using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Verification.Sandbox;
using Verification.Sandbox.Faults;

// The console host: serve one scenario (or an inventory's accounts) until Ctrl+C or SIGTERM, or list the shipped scenarios.
if (args.Contains("--list"))
{
    foreach (var name in Scenario.Shipped())
    {
        var scenario = Scenario.Load(name);
        var expected = scenario.ExpectedFailures.Count == 0 ? "compliant" : "fails " + string.Join(", ", scenario.ExpectedFailures);
        Console.WriteLine($"{name,-34} {scenario.Description} [{expected}]");
    }

    return 0;
}

var scenarioName = Option("--scenario") ?? "compliant-rds";
var inventory = Option("--organisation");
var port = int.Parse(Option("--port") ?? "4566", CultureInfo.InvariantCulture);
Scenario loaded;
SandboxOrganisation? organisation = null;
try
{
    organisation = inventory is null ? null : SandboxOrganisation.Create([.. OrganisationInventory.Read(inventory).Select(a => a.Member)]);
    loaded = organisation?.Home ?? Scenario.Load(scenarioName);
}
catch (ScenarioException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
// A service manager or `kill` stops the host with SIGTERM: shut down as on Ctrl+C instead of being torn down mid-request.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

SandboxOptions options;
try
{
    options = SandboxEnvironment.Apply(new SandboxOptions { Port = port, Log = Console.WriteLine }, Environment.GetEnvironmentVariable);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

SandboxServer server;
try
{
    server = organisation is null
        ? await SandboxServer.StartAsync(loaded, options, stop.Token)
        : await SandboxServer.StartAsync(organisation, options, stop.Token);
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    Console.Error.WriteLine($"Sandbox: port {port} is in use on {options.Host}; stop what holds it or pass --port N (0 picks a free one).");
    return 3;
}
catch (OperationCanceledException)
{
    return 0;
}

await using var serving = server;
Console.WriteLine(organisation is null ? $"Sandbox serving scenario '{loaded.Name}' at {server.Endpoint}" : $"Sandbox serving the {organisation} at {server.Endpoint}");
Console.WriteLine($"  {loaded.Description}");
Console.WriteLine("Set these to point the suite (or the AWS CLI) at it:");
Console.WriteLine($"  export AWS_ENDPOINT_URL={server.Endpoint.ToString().TrimEnd('/')}");
Console.WriteLine($"  export AWS_ACCESS_KEY_ID={SandboxCredentials.AccessKeyId}");
Console.WriteLine($"  export AWS_SECRET_ACCESS_KEY={SandboxCredentials.SecretAccessKey}");
Console.WriteLine($"  export AWS_REGION={loaded.Region}");
// AWS CLI v1 reads only AWS_DEFAULT_REGION.
Console.WriteLine($"  export AWS_DEFAULT_REGION={loaded.Region}");
Console.WriteLine("Press Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: fall through to dispose the server.
}

Console.WriteLine("Sandbox stopped.");
return 0;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
