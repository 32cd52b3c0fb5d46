using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verification.Sandbox.Protocol;
using Verification.Sandbox.Services;

namespace Verification.Sandbox;

/// <summary>
/// A local, simulated AWS endpoint serving one <see cref="Sandbox.Scenario"/> to every service the suite reads, or a
/// <see cref="SandboxOrganisation"/>'s accounts, each answered from its own stack.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dispatcher _dispatcher;

    private SandboxServer(WebApplication app, Dispatcher dispatcher, Scenario scenario, SandboxOrganisation? organisation, Uri endpoint)
    {
        _app = app;
        _dispatcher = dispatcher;
        Scenario = scenario;
        Organisation = organisation;
        Endpoint = endpoint;
    }

    /// <summary>The base URL to point every AWS client at (AWS_ENDPOINT_URL).</summary>
    public Uri Endpoint { get; }

    /// <summary>The stack the base key pair sees: the one scenario, or an organisation's (empty) home account.</summary>
    public Scenario Scenario { get; }

    /// <summary>The accounts being served, or null when the server serves one scenario.</summary>
    public SandboxOrganisation? Organisation { get; }

    /// <summary>Every AWS action received, "rds:DescribeDBInstances" form, in arrival order, rejected ones included.</summary>
    public IReadOnlyList<string> ActionsCalled => _dispatcher.Actions;

    /// <summary>Every request received as "rds:DescribeDBInstances#&lt;body hash&gt;": the same string twice is the same request sent twice.</summary>
    public IReadOnlyList<string> RequestsReceived => _dispatcher.Requests;

    /// <summary>The parameter names of every request received, for checking them against the AWS models.</summary>
    public IReadOnlyList<RequestMembers> ParametersReceived => _dispatcher.Members;

    /// <summary>Starts serving <paramref name="scenario"/> on loopback (a free port unless the options name one).</summary>
    /// <exception cref="IOException">The port is taken (its inner exception is Kestrel's AddressInUseException).</exception>
    public static Task<SandboxServer> StartAsync(Scenario scenario, SandboxOptions? options = null, CancellationToken ct = default) =>
        StartAsync(new Callers(scenario), options, ct);

    /// <summary>Starts serving every account of <paramref name="organisation"/> on one loopback endpoint (a free port unless the options name one).</summary>
    /// <exception cref="IOException">The port is taken (its inner exception is Kestrel's AddressInUseException).</exception>
    public static Task<SandboxServer> StartAsync(SandboxOrganisation organisation, SandboxOptions? options = null, CancellationToken ct = default) =>
        StartAsync(new Callers(organisation), options, ct);

    private static async Task<SandboxServer> StartAsync(Callers callers, SandboxOptions? options, CancellationToken ct)
    {
        options ??= new SandboxOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{options.Host}:{options.Port}");
        var app = builder.Build();
        var dispatcher = new Dispatcher(callers, ServiceCatalog.Create(), options);
        app.Run(dispatcher.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            // A port in use or a cancelled start leaves nothing listening: release the host before the caller reports it.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxServer(app, dispatcher, callers.Base.Scenario, callers.Organisation, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
