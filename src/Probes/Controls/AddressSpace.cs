using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Verification.Probes.Controls;

/// <summary>One CIDR block, IPv4 or IPv6, as the range of addresses it holds.</summary>
public readonly record struct CidrRange(AddressFamily Family, UInt128 First, UInt128 Last)
{
    /// <summary>The block <paramref name="text"/> names ("10.0.0.0/16", "2001:db8::/32"), or null when it is not a CIDR block.</summary>
    public static CidrRange? Parse(string? text)
    {
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix))
        {
            return null;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return null;
        }

        var value = address.GetAddressBytes().Aggregate(UInt128.Zero, (acc, b) => (acc << 8) | b);
        var hostBits = bits - prefix;
        var hostMask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        return new CidrRange(address.AddressFamily, value & ~hostMask, (value & ~hostMask) | hostMask);
    }
}

/// <summary>
/// Which addresses a set of security-group sources admits, decided by arithmetic over the ranges rather than by the
/// string "0.0.0.0/0": 0.0.0.0/1 + 128.0.0.0/1, or ::/1 + 8000::/1, open a port to the internet just as surely.
/// </summary>
public sealed class AddressSpace
{
    // Public IPv4 is everything but the IANA IPv4 Special-Purpose Address Registry's blocks that are not globally
    // reachable (RFC 6890 and successors): "this network", RFC 1918, shared CGN space, loopback, link-local, IETF
    // protocol assignments, documentation, benchmarking, multicast and reserved/broadcast.
    private static readonly string[] NonPublicV4 =
    [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    ];

    // Public IPv6 is the global unicast space 2000::/3 (everything IANA hands to registries) without the documentation
    // block; the rest of ::/0 is loopback, link-local, unique-local, multicast or unassigned.
    private const string GlobalV6 = "2000::/3";
    private static readonly string[] NonPublicV6 = ["2001:db8::/32"];

    // "Open to the internet" also when the sources fall short of the whole space but admit more than any one party
    // can own: a /8 (16.7 M addresses) is the largest IPv4 block IANA ever assigned to a single organisation, and
    // regional registries allocate single IPv6 holders at most about a /19, so a /16 of global IPv6 is far beyond any
    // partner, office or cloud range a rule could legitimately name.
    private static readonly UInt128 LargestOwnedV4 = UInt128.One << 24;
    private static readonly UInt128 LargestOwnedV6 = UInt128.One << 112;

    private static readonly List<CidrRange> PublicV4 = Subtract(Ranges(["0.0.0.0/0"]), Ranges(NonPublicV4));
    private static readonly List<CidrRange> PublicV6 = Subtract(Ranges([GlobalV6]), Ranges(NonPublicV6));

    private readonly List<CidrRange> _v4;
    private readonly List<CidrRange> _v6;

    private AddressSpace(List<CidrRange> ranges)
    {
        _v4 = Merge(ranges.Where(r => r.Family == AddressFamily.InterNetwork));
        _v6 = Merge(ranges.Where(r => r.Family == AddressFamily.InterNetworkV6));
    }

    /// <summary>The union of <paramref name="cidrs"/>; <paramref name="unreadable"/> lists those that are not CIDR blocks (they cannot be judged).</summary>
    public static AddressSpace Of(IEnumerable<string> cidrs, out List<string> unreadable)
    {
        var parsed = cidrs.Select(c => (Text: c, Range: CidrRange.Parse(c))).ToList();
        unreadable = [.. parsed.Where(p => p.Range is null).Select(p => p.Text)];
        return new AddressSpace([.. parsed.Select(p => p.Range).OfType<CidrRange>()]);
    }

    /// <summary>How many public IPv4 addresses the sources admit.</summary>
    public UInt128 PublicV4Count => Count(Intersect(_v4, PublicV4));

    /// <summary>How many global IPv6 addresses the sources admit.</summary>
    public UInt128 PublicV6Count => Count(Intersect(_v6, PublicV6));

    /// <summary>True when at least one public IPv4 or global IPv6 address is admitted.</summary>
    public bool AdmitsPublicAddresses => PublicV4Count > 0 || PublicV6Count > 0;

    /// <summary>
    /// True when the sources together admit the internet: all public IPv4 space, all global IPv6 space, or more of
    /// either than any one organisation holds (see the thresholds above).
    /// </summary>
    public bool IsOpenToInternet => PublicV4Count > LargestOwnedV4 || PublicV6Count > LargestOwnedV6
        || PublicV4Count == Count(PublicV4) || PublicV6Count == Count(PublicV6);

    private static List<CidrRange> Ranges(IEnumerable<string> cidrs) => [.. cidrs.Select(c => CidrRange.Parse(c) ?? throw new ArgumentException(c))];

    private static List<CidrRange> Merge(IEnumerable<CidrRange> ranges)
    {
        var merged = new List<CidrRange>();
        foreach (var range in ranges.OrderBy(r => r.First))
        {
            if (merged.Count > 0 && (merged[^1].Last == UInt128.MaxValue || range.First <= merged[^1].Last + 1))
            {
                merged[^1] = merged[^1] with { Last = UInt128.Max(merged[^1].Last, range.Last) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static List<CidrRange> Intersect(List<CidrRange> a, List<CidrRange> b) =>
        Merge(a.SelectMany(x => b.Where(y => x.First <= y.Last && y.First <= x.Last)
            .Select(y => x with { First = UInt128.Max(x.First, y.First), Last = UInt128.Min(x.Last, y.Last) })));

    private static List<CidrRange> Subtract(List<CidrRange> from, List<CidrRange> remove)
    {
        var result = Merge(from);
        foreach (var cut in Merge(remove))
        {
            result = [.. result.SelectMany(r => Cut(r, cut))];
        }

        return result;
    }

    private static IEnumerable<CidrRange> Cut(CidrRange range, CidrRange cut)
    {
        if (cut.Last < range.First || cut.First > range.Last)
        {
            yield return range;
            yield break;
        }

        if (cut.First > range.First)
        {
            yield return range with { Last = cut.First - 1 };
        }

        if (cut.Last < range.Last)
        {
            yield return range with { First = cut.Last + 1 };
        }
    }

    // Every range counted here lies within public space (at most 2^125 addresses), so the sum cannot overflow.
    private static UInt128 Count(List<CidrRange> ranges) => ranges.Aggregate(UInt128.Zero, (sum, r) => sum + (r.Last - r.First + 1));
}
