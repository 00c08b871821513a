using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Failover.Core.Validation;

/// <summary>
/// Address syntax, and the ranges Route 53 health checkers cannot check: "local, private, non-routable, or multicast
/// ranges" (API reference, HealthCheckConfig.IPAddress, citing RFC 5735, RFC 6598 and RFC 5156). The documentation
/// ranges (RFC 5737, RFC 3849) are in those lists too, so Route 53 refuses checks of them; they are a warning rather
/// than an error because the examples and tests use them against the local stack.
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

    private static readonly (IPNetwork Network, string Name)[] Documentation =
    [
        (IPNetwork.Parse("192.0.2.0/24"), "TEST-NET-1 (RFC 5737)"),
        (IPNetwork.Parse("198.51.100.0/24"), "TEST-NET-2 (RFC 5737)"),
        (IPNetwork.Parse("203.0.113.0/24"), "TEST-NET-3 (RFC 5737)"),
        (IPNetwork.Parse("2001:db8::/32"), "the IPv6 documentation prefix (RFC 3849)"),
    ];

    /// <summary>The words every documentation-range warning carries, so a caller can recognise that one warning.</summary>
    public const string DocumentationNote =
        "a documentation range, which Route 53 refuses to health-check "
        + "(fine for examples and the local stack; use a routable address in a real zone)";

    /// <summary>The documentation range <paramref name="text"/> is in, or null.</summary>
    public static string? DocumentationRange(string text)
    {
        if (!IPAddress.TryParse(text, out var address)) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var (network, name) in Documentation)
            if (network.Contains(address)) return name;
        return null;
    }

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
