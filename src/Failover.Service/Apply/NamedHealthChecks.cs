using Failover.Core.Spec;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Apply;

/// <summary>A health check a spec names by id that carries another tree's tag.</summary>
/// <param name="Path">The JSON path of the leaf's <c>healthCheckId</c>.</param>
public sealed record ForeignHealthCheck(string NodeId, string Path, string HealthCheckId, string OwnerTree)
{
    public override string ToString() =>
        $"{Path}: health check {HealthCheckId} is tagged as tree '{OwnerTree}'s ({HealthCheckTags.Tree}), not this tree's";
}

/// <summary>
/// The health checks a spec attaches by id (<c>healthCheckId</c>) rather than creating. One tagged as another tree's is
/// refused: that tree's clean-up deletes it when it stops using it, and this tree's records would be left pointing at a
/// check that no longer exists. A check tagged as this tree's, or not tagged at all (one made by hand), is accepted.
/// </summary>
public static class NamedHealthChecks
{
    /// <summary>Each leaf that names a check: its node id, the path of the field, the check's id.</summary>
    public static IReadOnlyList<(string NodeId, string Path, string HealthCheckId)> Of(TreeSpec spec) =>
        spec.Root.DescendantsAndSelf()
            .Where(n => n.Endpoint?.HealthCheckId is not null)
            .Select(n => (n.Id, $"{n.Path}.endpoint.healthCheckId", n.Endpoint!.HealthCheckId!))
            .ToList();

    /// <summary>
    /// The named checks tagged as another tree's. Tags are read ten checks a request (ListTagsForResources, API reference:
    /// ResourceIds holds at most 10); a check that does not exist is not this rule's business (Route 53 refuses the record).
    /// </summary>
    public static async Task<IReadOnlyList<ForeignHealthCheck>> FindForeignAsync(
        IHealthChecks route53, TreeSpec spec, CancellationToken cancellationToken = default)
    {
        var named = Of(spec);
        if (named.Count == 0) return [];
        var tags = new Dictionary<string, IReadOnlyList<ResourceTag>>(StringComparer.Ordinal);
        foreach (var chunk in named.Select(n => n.HealthCheckId).Distinct(StringComparer.Ordinal).Chunk(IHealthChecks.MaxTagResources))
        {
            try
            {
                foreach (var (id, found) in
                         await route53.ListTagsForResourcesAsync(chunk, cancellationToken: cancellationToken).ConfigureAwait(false))
                    tags[id] = found;
            }
            catch (NoSuchHealthCheckException)
            {
                // One missing id fails the whole request: read the others one at a time.
                foreach (var id in chunk)
                {
                    try
                    {
                        tags[id] = await route53.ListTagsForResourceAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (NoSuchHealthCheckException)
                    {
                    }
                }
            }
        }
        return named
            .Select(n => (n, Owner: tags.TryGetValue(n.HealthCheckId, out var t) ? HealthCheckTags.Find(t, HealthCheckTags.Tree) : null))
            .Where(x => x.Owner is not null && x.Owner != spec.Name)
            .Select(x => new ForeignHealthCheck(x.n.NodeId, x.n.Path, x.n.HealthCheckId, x.Owner!))
            .ToList();
    }
}
