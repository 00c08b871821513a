using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Progress;
using Failover.Core.Contracts;

namespace Failover.Api.Endpoints;

/// <summary><c>GET /trees</c>, <c>GET /trees/{name}</c>, <c>GET /trees/{name}/versions</c>, <c>GET /trees/{name}/runs</c>,
/// <c>GET /trees/{name}/events</c>, <c>GET /runs/{id}</c>: reads of the progress table.</summary>
public sealed class TreeQueries(ITreeStore store, StoredTrees trees, ApiOptions options)
{
    public async Task<ApiResponse> ListAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var limit = call.Integer("limit", 1, options.MaxPageSize) ?? options.DefaultPageSize;
        var token = call.Request.QueryValue("pageToken");
        TreePage page;
        try
        {
            page = await store.ListTreesAsync(limit, string.IsNullOrEmpty(token) ? null : token, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            throw ApiCall.Invalid(FieldError.AtParameter("pageToken", "pageToken is not one this API handed out; start again without it"));
        }
        return ApiJson.Response(200, new TreeListResource(page.Trees.Select(ProgressResources.Tree).ToList(), page.NextPageToken));
    }

    /// <summary>The tree: its current version, status, the last run with every node's progress, and when drift was last checked.</summary>
    public async Task<ApiResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var lastRun = tree.LastRunId is { } runId ? await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) : null;
        var nodes = lastRun is null ? [] : await store.ListNodesAsync(lastRun.RunId, cancellationToken).ConfigureAwait(false);
        var drift = await store.GetDriftReportAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, new TreeDetailResource(ProgressResources.Tree(tree))
        {
            LastRun = lastRun is null ? null : ProgressResources.Run(lastRun, nodes),
            LastDriftCheck = ProgressResources.LastDriftCheck(drift),
            Links = Links(tree.Name),
        });
    }

    public async Task<ApiResponse> VersionsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var versions = await store.ListVersionsAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, new VersionListResource(tree.Name, tree.CurrentVersion,
            versions.Select(v => ProgressResources.Version(v, tree.CurrentVersion)).ToList()));
    }

    /// <summary>One stored version with its spec (the canonical JSON the service stored), e.g. to diff two versions.</summary>
    public async Task<ApiResponse> VersionAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var name = call.TreeName;
        var number =
            int.TryParse(call.Parameter("version"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 1
            ? parsed
            : throw ApiCall.Invalid(
                FieldError.AtParameter(
                "version", $"version must be a whole number from 1, not '{ApiCall.Shown(call.Parameter("version"))}'"));
        var tree = await trees.TreeAsync(name, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetVersionAsync(tree.Name, number, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(
                ProblemType.VersionNotFound, $"tree '{tree.Name}' has versions 1 to {tree.LatestVersion}, not {number}");
        return ApiJson.Response(200, ProgressResources.VersionWithSpec(stored, tree.CurrentVersion));
    }

    /// <summary>The tree's runs, newest first, a page at a time (a torn-down tree's runs too, while the table keeps them).</summary>
    public async Task<ApiResponse> RunsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var limit = call.Integer("limit", 1, options.MaxPageSize) ?? options.DefaultPageSize;
        var token = call.Request.QueryValue("pageToken");
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        RunPage page;
        try
        {
            page = await store.ListRunsAsync(tree.Name, limit, string.IsNullOrEmpty(token) ? null : token, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            throw ApiCall.Invalid(FieldError.AtParameter("pageToken", "pageToken is not one this API handed out; start again without it"));
        }
        return ApiJson.Response(200, new RunListResource(tree.Name, page.Runs.Select(ProgressResources.RunSummary).ToList(),
            page.NextPageToken));
    }

    /// <summary>
    /// The tree's timeline: the events published about it (runs started and ended, drift found and repaired, answer
    /// changes), newest first, the latest <c>limit</c>; kept as long as runs are.
    /// </summary>
    public async Task<ApiResponse> EventsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var limit = call.Integer("limit", 1, options.MaxPageSize) ?? options.DefaultPageSize;
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var events = await store.ListEventsAsync(tree.Name, limit, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, new EventListResource(tree.Name, [.. events.Select(ProgressResources.Event)]));
    }

    public async Task<ApiResponse> RunAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var id = call.RunId;
        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(ProblemType.RunNotFound, $"no run has the id '{id}' (runs are kept 90 days)");
        var nodes = await store.ListNodesAsync(id, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, ProgressResources.Run(run, nodes) with
        {
            Links = new Dictionary<string, string> { ["tree"] = ResourcePaths.PathOf(ApiRoutes.GetTree, run.Tree) },
        });
    }

    private static Dictionary<string, string> Links(string tree) => new()
    {
        ["versions"] = ResourcePaths.PathOf(ApiRoutes.ListVersions, tree),
        ["plan"] = ResourcePaths.PathOf(ApiRoutes.GetPlan, tree),
        ["diagram"] = ResourcePaths.PathOf(ApiRoutes.GetDiagram, tree),
        ["drift"] = ResourcePaths.PathOf(ApiRoutes.GetDrift, tree),
        ["events"] = ResourcePaths.PathOf(ApiRoutes.ListEvents, tree),
    };
}
