using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Service.Progress;
using Failover.Service.Health;
using Failover.Core.Contracts;

namespace Failover.Api.Endpoints;

/// <summary>
/// <c>GET /trees/{name}/health</c>: what Route 53's checkers observe now for each health-checked endpoint of the
/// tree's current version. Read only on request (one GetHealthCheckStatus call per check), never by the tree list.
/// </summary>
public sealed class HealthViews(StoredTrees trees, ZonePlanning planning, IHealthStatuses health, TimeProvider time)
{
    public async Task<ApiResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        if (tree.Status == TreeStatus.Deleted)
            throw new ProblemException(ProblemType.TreeDeleted, $"tree '{tree.Name}' was torn down: it has no health checks");
        if (tree.CurrentVersion is null)
            throw new ProblemException(
                ProblemType.TreeNotApplied, $"tree '{tree.Name}' has no applied version yet: it has no health checks");
        await planning.CheckTreeZonesAsync(tree, null, cancellationToken).ConfigureAwait(false);
        var stored = await trees.SpecAsync(tree.Name, tree.CurrentVersion, cancellationToken).ConfigureAwait(false);
        var checks = await health.ReadAsync(stored.Spec, cancellationToken).ConfigureAwait(false);
        call.Log("health read", ("health_checks", checks.Count));

        return ApiJson.Response(200, TreeHealthReport.Of(tree.Name, stored.Version, time.GetUtcNow(), checks));
    }
}
