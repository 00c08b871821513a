using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
namespace Failover.Aws.Route53;

/// <summary>Route 53 returns ids with a resource prefix (<c>/hostedzone/Z123</c>, <c>/change/C123</c>); the API takes bare ids.</summary>
internal static class Route53Ids
{
    public static string Bare(string id)
    {
        var slash = id.LastIndexOf('/');
        return slash < 0 ? id : id[(slash + 1)..];
    }

    public static string Escape(string id) => Uri.EscapeDataString(Bare(id));
}
