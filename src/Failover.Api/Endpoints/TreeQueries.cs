using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Progress;

namespace Failover.Api.Endpoints;

/// <summary><c>GET /trees</c>, <c>GET /trees/{name}</c>, <c>GET /trees/{name}/versions</c>, <c>GET /runs/{id}</c>: reads of the progress
/// table.</summary>
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
        return ApiJson.Response(200, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("trees");
            foreach (var tree in page.Trees)
            {
                json.WriteStartObject();
                ResourceJson.WriteTree(json, tree);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteOptional("nextPageToken", page.NextPageToken);
            json.WriteEndObject();
        });
    }

    /// <summary>The tree: its current version, status, the last run with every node's progress, and when drift was last checked.</summary>
    public async Task<ApiResponse> GetAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var lastRun = tree.LastRunId is { } runId ? await store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) : null;
        var nodes = lastRun is null ? [] : await store.ListNodesAsync(lastRun.RunId, cancellationToken).ConfigureAwait(false);
        var drift = await store.GetDriftReportAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, json =>
        {
            json.WriteStartObject();
            ResourceJson.WriteTree(json, tree);
            if (lastRun is null) json.WriteNull("lastRun");
            else
            {
                json.WriteStartObject("lastRun");
                ResourceJson.WriteRun(json, lastRun, nodes);
                json.WriteEndObject();
            }
            if (drift is null) json.WriteNull("lastDriftCheck");
            else
            {
                json.WriteStartObject("lastDriftCheck");
                json.WriteTimestamp("checkedAt", drift.CheckedAt);
                json.WriteNumber("driftedItems", drift.DriftedItems);
                json.WriteEndObject();
            }
            WriteLinks(json, tree.Name);
            json.WriteEndObject();
        });
    }

    public async Task<ApiResponse> VersionsAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        var versions = await store.ListVersionsAsync(tree.Name, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, json =>
        {
            json.WriteStartObject();
            json.WriteString("tree", tree.Name);
            if (tree.CurrentVersion is { } current) json.WriteNumber("currentVersion", current);
            else json.WriteNull("currentVersion");
            json.WriteStartArray("versions");
            foreach (var version in versions) ResourceJson.WriteVersion(json, version, tree.CurrentVersion);
            json.WriteEndArray();
            json.WriteEndObject();
        });
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
        return ApiJson.Response(200, json =>
        {
            json.WriteStartObject();
            json.WriteString("tree", tree.Name);
            ResourceJson.WriteVersionFields(json, stored.Info, tree.CurrentVersion);
            json.WritePropertyName("spec");
            json.WriteRawValue(stored.SpecJson);
            json.WriteEndObject();
        });
    }

    public async Task<ApiResponse> RunAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var id = call.RunId;
        var run = await store.GetRunAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(ProblemType.RunNotFound, $"no run has the id '{id}' (runs are kept 90 days)");
        var nodes = await store.ListNodesAsync(id, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, json =>
        {
            json.WriteStartObject();
            ResourceJson.WriteRun(json, run, nodes);
            json.WriteStartObject("links");
            json.WriteString("tree", ResourceJson.PathOf(ApiRoutes.GetTree, run.Tree));
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteLinks(System.Text.Json.Utf8JsonWriter json, string tree)
    {
        json.WriteStartObject("links");
        foreach (var (name, route) in new[]
                 {
                     ("versions", ApiRoutes.ListVersions), ("plan", ApiRoutes.GetPlan), ("diagram", ApiRoutes.GetDiagram),
                     ("drift", ApiRoutes.GetDrift),
                 })
            json.WriteString(name, ResourceJson.PathOf(route, tree));
        json.WriteEndObject();
    }
}
