using System.Text.Json;
using Failover.Api.Http;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Service.Progress;

namespace Failover.Api.Endpoints;

/// <summary><c>POST /trees/{name}/rollback</c> and <c>DELETE /trees/{name}</c>: runs on a stored tree, 202 like <c>POST
/// /trees</c>.</summary>
public sealed class TreeRuns(ITreeStore store, StoredTrees trees, ZonePlanning planning, IRunLauncher runs, ApiOptions options)
{
    /// <summary><c>{"version": n}</c>: a run that applies version n again (its zone must still be allowed).</summary>
    public async Task<ApiResponse> RollbackAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var name = call.TreeName;
        var version = ReadVersion(call.Request, options.MaxRequestBytes);
        var tree = await trees.TreeAsync(name, cancellationToken).ConfigureAwait(false);
        var stored = await store.GetVersionAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ProblemException(
                ProblemType.VersionNotFound, $"tree '{name}' has versions 1 to {tree.LatestVersion}, not {version}");
        await planning.CheckTreeZonesAsync(tree, version, cancellationToken).ConfigureAwait(false);
        var run = await runs.RollbackAsync(name, version, call.CorrelationId, cancellationToken).ConfigureAwait(false);
        return TreeCreation.Accepted(call, run);
    }

    /// <summary>A teardown run: every record and health check the tree owns, top-down.</summary>
    public async Task<ApiResponse> DeleteAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var tree = await trees.TreeAsync(call.TreeName, cancellationToken).ConfigureAwait(false);
        if (tree.Status == TreeStatus.Deleted)
            throw new ProblemException(ProblemType.TreeDeleted, $"tree '{tree.Name}' was torn down already");
        await planning.CheckTreeZonesAsync(tree, null, cancellationToken).ConfigureAwait(false);
        var run = await runs.TeardownAsync(tree.Name, call.CorrelationId, cancellationToken).ConfigureAwait(false);
        return TreeCreation.Accepted(call, run);
    }

    private static int ReadVersion(ApiRequest request, int maxBytes)
    {
        RequestBody.CheckSize(request, maxBytes);
        if (request.Body.IsEmpty) throw ApiCall.Invalid(
            FieldError.AtPath("$", "the body must be {\"version\": n}, the version to apply again"));
        RequestBody.CheckMediaType(request, MediaTypes.IsJson, "application/json");
        using var body = RequestBody.ParseJson(request);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw ApiCall.Invalid(
                FieldError.AtPath("$", $"the body must be a JSON object {{\"version\": n}}, not {SimulationBody.Describe(root)}"));

        var errors = new List<FieldError>();
        int? version = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != "version")
                errors.Add(FieldError.AtPath("$." + property.Name, $"unknown field '{property.Name}'; the body has one field, version"));
            else if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var number) && number >= 1)
                version = number;
            else
                errors.Add(
                    FieldError.AtPath(
                    "$.version", $"version must be a whole number of at least 1, not {SimulationBody.Describe(property.Value)}"));
        }
        if (version is null && !errors.Any(e => e.Path == "$.version")) errors.Add(FieldError.AtPath("$.version", "version is required"));
        if (errors.Count > 0) throw ApiCall.Invalid([.. errors]);
        return version!.Value;
    }
}
