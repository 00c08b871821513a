using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Drift;
using Failover.Service.Progress;

namespace Failover.Api.Endpoints;

/// <summary><c>GET /trees/{name}/drift</c> (the last stored report) and <c>POST /trees/{name}/drift-check</c> (check now).</summary>
public sealed class DriftViews(ITreeStore store, StoredTrees trees, ZonePlanning planning, IDriftChecks? drift)
{
    public async Task<ApiResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var report = await store.GetDriftReportAsync(tree.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(ProblemType.DriftReportNotFound,
                $"tree '{tree.Name}' has not been checked for drift yet; POST " +
                    $"{ResourcePaths.PathOf(ApiRoutes.CheckDrift, tree.Name)} checks it now");
        return ApiJson.Response(200, ProgressResources.Drift(report));
    }

    public async Task<ApiResponse> CheckAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        if (drift is null)
            throw new ProblemException(ProblemType.DriftCheckUnavailable,
                "this deployment has no drift checker; the scheduled checks' last report is at GET …/drift");
        if (tree.Status == TreeStatus.Deleted)
            throw new ProblemException(ProblemType.TreeDeleted, $"tree '{tree.Name}' was torn down: there is nothing to compare");
        if (tree.CurrentVersion is null)
            throw new ProblemException(
                ProblemType.TreeNotApplied, $"tree '{tree.Name}' has no applied version yet: there is nothing to compare");
        await planning.CheckTreeZonesAsync(tree, null, cancellationToken).ConfigureAwait(false);
        DriftReportRecord report;
        try
        {
            report = await drift.CheckNowAsync(tree, cancellationToken).ConfigureAwait(false);
        }
        catch (DriftCheckException failed)
        {
            // The zone vanished, or the stored version no longer loads: the check could not compare anything.
            throw new ProblemException(ProblemType.UpstreamFailure, failed.Message);
        }
        catch (DriftCheckSkippedException skipped)
        {
            throw new ProblemException(ProblemType.RunInProgress, skipped.Message);
        }
        call.Log("drift checked", ("drifted_items", report.DriftedItems));
        return ApiJson.Response(200, ProgressResources.Drift(report));
    }
}
