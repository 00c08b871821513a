using System.Net;
using System.Net.Sockets;

namespace Failover.Core.Spec;

/// <summary>
/// The two halves of a dual-stack tree: an endpoint lists the addresses of both families, and each record type takes its own
/// (an A record holds IPv4 addresses, an AAAA record IPv6 ones: Developer Guide, "Supported DNS record types").
/// </summary>
public static class DualStack
{
    /// <summary>The values of <paramref name="endpoint"/> a record of <paramref name="type"/> holds: all of them unless the tree is
    /// dual-stack.</summary>
    public static IReadOnlyList<string> ValuesOf(TreeSpec spec, EndpointSpec endpoint, string type) =>
        spec.DualStack ? endpoint.Values.Where(v => IsFamilyOf(v, type)).ToList() : endpoint.Values;

    /// <summary>The endpoint as one record type sees it (its health check is resolved against the first type's view).</summary>
    public static EndpointSpec ViewOf(TreeSpec spec, EndpointSpec endpoint, string type) =>
        spec.DualStack ? endpoint with { Values = ValuesOf(spec, endpoint, type) } : endpoint;

    public static bool IsFamilyOf(string value, string type) =>
        IPAddress.TryParse(value, out var address) && !value.Contains('%', StringComparison.Ordinal)
        && address.AddressFamily == (type == "AAAA" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
}
