using System.Globalization;
using System.Net;

namespace Verification.Probes.Controls;

/// <summary>An IPv4 CIDR block ("10.0.10.0/24"), for overlap and size questions.</summary>
public readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    /// <summary>The first address of the block as an unsigned number.</summary>
    public uint First => Network;

    /// <summary>The last address of the block as an unsigned number.</summary>
    public uint Last => PrefixLength == 0 ? uint.MaxValue : Network | (uint.MaxValue >> PrefixLength);

    /// <summary>True when the two blocks share at least one address.</summary>
    public bool Overlaps(Ipv4Cidr other) => First <= other.Last && other.First <= Last;

    /// <summary>The block <paramref name="text"/> names, or null when it is not an IPv4 CIDR.</summary>
    public static Ipv4Cidr? Parse(string? text)
    {
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0
            || !IPAddress.TryParse(text[..slash], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new Ipv4Cidr(value & mask, prefix);
    }
}
