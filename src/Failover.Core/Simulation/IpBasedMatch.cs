using System.Net;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Simulation;

/// <summary>
/// Route 53's IP-based choice (Developer Guide, IP-based routing): the location whose block holds the client's address, the
/// longest prefix winning ("For DNS queries with a CIDR longer than the one specified in the CIDR collection, Route 53 will
/// match it to the shorter CIDR"); an address no block holds gets the default ("*") location's record.
/// </summary>
internal static class IpBasedMatch
{
    /// <summary>The child whose location holds <paramref name="client"/> by the longest prefix; null when none does.</summary>
    public static TreeNode? Longest(IReadOnlyList<TreeNode> children, IPAddress client)
    {
        TreeNode? best = null;
        var bestLength = -1;
        foreach (var child in children)
        {
            if (child.Cidr is not { IsDefault: false } cidr) continue;
            foreach (var block in cidr.Blocks)
            {
                if (!CidrRules.TryParse(block, out var network) || !network.Contains(client)) continue;
                if (network.PrefixLength <= bestLength) continue;
                (best, bestLength) = (child, network.PrefixLength);
            }
        }
        return best;
    }

    public static TreeNode? Default(IReadOnlyList<TreeNode> children) => children.FirstOrDefault(c => c.Cidr is { IsDefault: true });
}
