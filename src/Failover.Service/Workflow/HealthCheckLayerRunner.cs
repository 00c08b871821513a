using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Planning;

namespace Failover.Service.Workflow;

/// <summary>Creates and deletes a plan's health checks, one at a time, each safe to repeat.</summary>
public sealed class HealthCheckLayerRunner(IRoute53 route53)
{
    /// <summary>
    /// Creates (or finds again) a planned check and tags it as the tree's. Route 53 answers a repeated CallerReference
    /// with the same config by returning the existing check, so a retry after a crash never makes a second one; the
    /// tags are written again, which changes nothing if they are there.
    /// </summary>
    public async Task<string> CreateAsync(string tree, PlannedHealthCheck planned, CancellationToken cancellationToken)
    {
        var check = await route53.CreateHealthCheckAsync(planned.CallerReference, planned.Config, cancellationToken).ConfigureAwait(false);
        await route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(tree, planned.NodeId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return check.Id;
    }

    /// <summary>Deletes a check nothing refers to any more; one already gone counts as deleted.</summary>
    public async Task DeleteAsync(HealthCheckDeletion deletion, CancellationToken cancellationToken)
    {
        try
        {
            await route53.DeleteHealthCheckAsync(deletion.HealthCheckId, cancellationToken).ConfigureAwait(false);
        }
        catch (NoSuchHealthCheckException)
        {
        }
    }
}
