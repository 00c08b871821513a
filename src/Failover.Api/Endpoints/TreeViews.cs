using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Service.Progress;
using Failover.Core.Diagnostics;
using Failover.Core.Diagram;
using Failover.Core.Planning;
using Failover.Core.Simulation;
using Failover.Core.Contracts;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Api.Endpoints;

/// <summary>
/// What a stored tree looks like from three sides: <c>GET …/plan</c> (what applying it would change now),
/// <c>GET …/diagram</c> (Mermaid, coloured by the last run and the last drift report) and <c>POST …/simulate</c>.
/// Each works on the current version unless <c>?version=n</c> names another.
/// </summary>
public sealed class TreeViews(ITreeStore store, StoredTrees trees, ZonePlanning planning, IDriftChecks? drift, ApiOptions options)
{
    public async Task<ApiResponse> PlanAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var stored = await trees.SpecAsync(call.TreeName, call.Integer("version", 1, int.MaxValue), cancellationToken)
            .ConfigureAwait(false);
        var plan = await planning.PlanAsync(stored.Spec, cancellationToken).ConfigureAwait(false);
        return ApiJson.Response(200, PlanJson.ToDocument(plan) with { Version = stored.Version });
    }

    public async Task<ApiResponse> DiagramAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var format = call.Request.QueryValue("format")?.ToLowerInvariant() ?? "mermaid";
        if (format is not ("mermaid" or "dot" or "json"))
            throw ApiCall.Invalid(FieldError.AtParameter("format", $"format must be mermaid, dot or json, not '{ApiCall.Shown(format)}'"));
        var stored = await trees.SpecAsync(call.TreeName, call.Integer("version", 1, int.MaxValue), cancellationToken)
            .ConfigureAwait(false);
        var overlay = await OverlayAsync(stored, cancellationToken).ConfigureAwait(false);
        if (format == "json")
        {
            // The nodes as data, for a client that draws the tree itself (the dashboard).
            return ApiJson.Response(200, DiagramJson.ToDocument(stored.Spec, overlay) with { Version = stored.Version });
        }
        var text = format == "dot" ? DiagramRenderer.Dot(stored.Spec, overlay) : DiagramRenderer.Mermaid(stored.Spec, overlay);
        return ApiResponse.Text(200, text);
    }

    public async Task<ApiResponse> SimulateAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        var (query, paths) = (SimulationQuery.AllHealthy, (IReadOnlyDictionary<string, string>)new Dictionary<string, string>());
        string? draft = null;
        if (!request.Body.IsEmpty)
        {
            // A body may carry a draft spec, so it may be as large as a spec and the query together.
            RequestBody.CheckSize(request, options.MaxSpecBytes + options.MaxRequestBytes);
            RequestBody.CheckMediaType(request, MediaTypes.IsJson, "application/json");
            using var body = RequestBody.ParseJson(request);
            (query, paths) = SimulationBody.Read(body.RootElement);
            draft = SimulationBody.DraftSpec(body.RootElement);
        }
        var stored = draft is null
            ? await trees.SpecAsync(call.TreeName, call.Integer("version", 1, int.MaxValue), cancellationToken).ConfigureAwait(false)
            : await DraftAsync(call.TreeName, draft, cancellationToken).ConfigureAwait(false);
        var ids = stored.Spec.Root.DescendantsAndSelf().Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = paths.Where(p => !ids.Contains(p.Key)).OrderBy(p => p.Value, StringComparer.Ordinal)
            .Select(p =>
                FieldError.AtPath(p.Value, $"no node of tree '{stored.Tree.Name}' (version {stored.Version}) has the id '{p.Key}'"));
        var result =
            Simulator.Simulate(stored.Spec,
            query with { Unhealthy = query.Unhealthy.Where(ids.Contains).ToHashSet(StringComparer.Ordinal) });
        var errors = unknown.Concat(result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(Placed)).ToArray();
        if (errors.Length > 0) throw ApiCall.Invalid(errors);

        var warnings = result.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(FieldError.From).ToList();
        return ApiJson.Response(200, SimulationJson.ToDocument(result) with
        {
            Tree = stored.Tree.Name,
            Version = draft is null ? stored.Version : null,
            Draft = draft is null ? null : true,
            Warnings = FieldError.Documents(warnings),
        });
    }

    /// <summary>
    /// A draft spec as a version to simulate: validated by the service's rules (errors under <c>$.spec</c>), and for
    /// the tree the path names, which need not be stored yet (a new tree's editor asks too).
    /// </summary>
    private async Task<TreeVersion> DraftAsync(string name, string text, CancellationToken cancellationToken)
    {
        var loaded = SpecLoader.Load(text, ValidationLimits.Default with { MaxSpecBytes = options.MaxSpecBytes });
        var errors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error)
            .Select(d => FieldError.AtPath(d.Path.StartsWith('$') ? "$.spec" + d.Path[1..] : "$.spec." + d.Path, d.Message))
            .ToList();
        if (loaded.Spec is { } named && !string.Equals(named.Name, name, StringComparison.Ordinal))
            errors.Add(FieldError.AtPath("$.spec.name", $"the draft is of tree '{named.Name}', not of '{name}' the path names"));
        if (errors.Count > 0)
            throw new ProblemException(new Problem(ProblemType.InvalidSpec,
                errors.Count == 1 ? $"the draft spec has 1 error: {errors[0].Path}: {errors[0].Message}"
                    : $"the draft spec has {errors.Count} errors") { Errors = errors });
        var tree = await store.GetTreeAsync(name, cancellationToken).ConfigureAwait(false) ?? Unstored(loaded.Spec!);
        return new TreeVersion(tree, tree.LatestVersion + 1, loaded.Spec!);
    }

    private static TreeRecord Unstored(TreeSpec spec) => new(TreeDescriptor.From(spec), TreeStatus.New, null, 0, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    /// <summary>
    /// Run progress from the tree's last run, drift from its last report. Node ids that are not tree nodes (a record
    /// key the run deleted) are simply not drawn.
    /// </summary>
    private async Task<DiagramOverlay?> OverlayAsync(TreeVersion stored, CancellationToken cancellationToken)
    {
        var nodes = new Dictionary<string, NodeOverlay>(StringComparer.Ordinal);
        if (stored.Tree.LastRunId is { } runId)
            foreach (var node in await store.ListNodesAsync(runId, cancellationToken).ConfigureAwait(false))
                if (ProgressOf(node.Status) is { } progress) nodes[node.NodeId] = new NodeOverlay(progress);
        if (drift is not null && await store.GetDriftReportAsync(stored.Tree.Name, cancellationToken).ConfigureAwait(false) is { } report)
            foreach (var (nodeId, state) in drift.NodeStates(report))
                nodes[nodeId] = (nodes.GetValueOrDefault(nodeId) ?? new NodeOverlay()) with { Drift = state };
        return nodes.Count == 0 ? null : new DiagramOverlay(nodes);
    }

    private static RunProgress? ProgressOf(NodeStatus status) => status switch
    {
        NodeStatus.Pending => RunProgress.Pending,
        NodeStatus.InProgress => RunProgress.InProgress,
        NodeStatus.Done => RunProgress.Done,
        NodeStatus.Failed => RunProgress.Failed,
        _ => null,
    };

    /// <summary>The simulator names the input it rejects ("location"); in the body that is a JSON path.</summary>
    private static FieldError Placed(SpecDiagnostic diagnostic) =>
        FieldError.AtPath(diagnostic.Path.StartsWith('$') ? diagnostic.Path : "$." + diagnostic.Path, diagnostic.Message);
}
