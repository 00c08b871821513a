using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Failover.Core.Validation;

/// <summary>
/// Address syntax, and the ranges Route 53 health checkers cannot check: "local, private, non-routable, or multicast
/// ranges" (RFC 5735, RFC 6598, RFC 5156, as its API reference cites). The documentation ranges stay allowed so the
/// examples can be applied to a test zone.
/// </summary>
internal static partial class AddressRanges
{
    private static readonly (IPNetwork Network, string Reason)[] Unreachable =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (\"this network\")"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared address space (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (RFC 1918)"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved for IETF protocol assignments"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved for benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible (deprecated)"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("2001::/23"), "reserved for IETF protocol assignments"),
        (IPNetwork.Parse("2002::/16"), "6to4"),
        (IPNetwork.Parse("fc00::/7"), "unique local (private)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local (deprecated)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    public static bool IsIPv4(string text) => DottedQuad().IsMatch(text);

    public static bool IsIPv6(string text) =>
        text.Contains(':') && !text.Contains('%') && text.Length <= 45
        && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>Why a health checker cannot reach <paramref name="text"/>, or null when it can.</summary>
    public static string? WhyUncheckable(string text)
    {
        if (!IPAddress.TryParse(text, out var address)) return null;
        // An IPv4-mapped IPv6 address is checked as the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (text == "255.255.255.255") return "broadcast";
        foreach (var (network, reason) in Unreachable)
            if (network.Contains(address)) return reason;
        return null;
    }

    [GeneratedRegex(@"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\z")]
    private static partial Regex DottedQuad();
}
