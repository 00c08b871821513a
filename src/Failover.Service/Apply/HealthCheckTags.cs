using Failover.Service.Ports.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// The tags that mark a health check as a tree's. Garbage collection deletes only checks carrying the tree's tag, so a
/// check someone else made — even at the same endpoint — is never touched.
/// </summary>
public static class HealthCheckTags
{
    public const string Tree = "failover:tree";
    public const string Node = "failover:node";
    /// <summary>What the Route 53 console shows in its health check list.</summary>
    public const string Name = "Name";

    public static IReadOnlyList<ResourceTag> For(string tree, string nodeId) =>
    [
        new(Tree, tree),
        new(Node, nodeId),
        new(Name, $"failover {tree}/{nodeId}"),
    ];

    public static string? Find(IEnumerable<ResourceTag> tags, string key) => tags.FirstOrDefault(t => t.Key == key)?.Value;
}
