using System.Net;
using System.Net.Sockets;

namespace Verification.Probes.Connectivity;

/// <summary>
/// Resolves an endpoint's name (even when a connect override moves the socket) and checks every address is private: RFC 1918 for IPv4, unique
/// local (fc00::/7) for IPv6, and loopback only when the settings say this is the sandbox.
/// </summary>
public sealed class PrivateAddressProbe(ProbeSettings settings, TimeProvider time)
{
    /// <summary>Resolves and classifies the endpoint's addresses.</summary>
    public async Task<ProbeResult> ProbeAsync(DataPathEndpoint endpoint, CancellationToken cancellationToken)
    {
        var run = new ProbeRun(nameof(PrivateAddressProbe), endpoint, time);
        IPAddress[] addresses;
        if (endpoint.ConnectAddress is not null)
        {
            // The override says where this runner's socket goes; the name says what everyone else reaches, so the name is what is judged.
            run.Evidence["connect_override"] = endpoint.ConnectsTo;
        }

        if (settings.Hosts.TryGetValue(endpoint.Name, out var mapped))
        {
            addresses = [.. mapped];
            run.Evidence["source"] = "sandbox hosts file (stand-in for the VPC resolver)";
        }
        else
        {
            using var timeout = new CancellationTokenSource(settings.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                addresses = await Dns.GetHostAddressesAsync(endpoint.Name, linked.Token);
                run.Evidence["source"] = "DNS";
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = ConnectFailure.NetworkReason(e, timeout.IsCancellationRequested, settings.Timeout) ?? ConnectFailure.Innermost(e);
                return run.Fail(ProbeFailure.Unreachable,
                    $"{endpoint.Name} did not resolve: {reason}. Likely causes: the runner does not use the VPC's resolver, or the endpoint is wrong.");
            }
        }

        run.Evidence["addresses"] = string.Join(", ", addresses.Select(a => a.ToString()));
        var outside = addresses.Where(a => !IsPrivate(a, settings.LoopbackIsPrivate)).ToList();
        if (addresses.Length == 0)
            return run.Fail(ProbeFailure.Unreachable, $"{endpoint.Name} resolved to no address.");
        if (outside.Count > 0)
            return run.Fail(ProbeFailure.PublicAddress, $"{endpoint.Name} resolves to addresses outside the private ranges: {string.Join(", ", outside)}.");
        return run.Pass($"{endpoint.Name} resolves only to private addresses ({run.Evidence["addresses"]}).");
    }

    /// <summary>True for RFC 1918, IPv6 unique local, and (when allowed) loopback.</summary>
    public static bool IsPrivate(IPAddress address, bool loopbackIsPrivate)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return loopbackIsPrivate;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC;

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168);
    }
}
