using Failover.Api.Http;
using Failover.Api.Json;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Progress;
using Failover.Core.Diagnostics;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Core.Contracts;
using Failover.Service.Logging;

namespace Failover.Api.Endpoints;

/// <summary>
/// <c>POST /trees</c>: a spec in, checked in this order — size (413), media type (415), JSON syntax (400), the spec's
/// rules (400, every error with its path), the hosted zone (403), health checks named by id that another tree owns (400)
/// — then, with <c>?baseVersion=n</c>, that n is still the tree's latest version (409 stale-version), and then either a
/// dry-run plan against the zone with the change-size guard's verdict (200) or a run (202, Location of the run).
/// </summary>
public sealed class TreeCreation(ZonePlanning planning, IRunLauncher runs, ApiOptions options, ITreeStore store,
    IHealthCheckOwners? owners = null)
{
    public async Task<ApiResponse> CreateAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var dryRun = call.Flag("dryRun");
        // The version an editor started from (0: a new tree); absent, the spec applies over whatever is latest.
        var baseVersion = call.Integer("baseVersion", 0, int.MaxValue);
        // As the CLI's --force: go ahead even when the update deletes or replaces more than half of the tree's records.
        var force = call.Flag("force");
        var request = call.Request;
        RequestBody.CheckSize(request, options.MaxSpecBytes);
        var mediaType = RequestBody.CheckMediaType(request, type => MediaTypes.IsJson(type) || MediaTypes.IsYaml(type),
            "application/json or application/yaml");
        // The door: the one place the spec's size is checked, on the text the user sent, by this deployment's limit.
        var limits = ValidationLimits.Default with { MaxSpecBytes = options.MaxSpecBytes };
        if (MediaTypes.IsJson(mediaType)) RequestBody.ParseJson(request, limits.MaxNesting).Dispose();
        var loaded = SpecLoader.Load(RequestBody.Text(request), limits);
        var errors = loaded.Diagnostics.Where(d => d.Severity == Severity.Error).Select(FieldError.From).ToList();
        var warnings = loaded.Diagnostics.Where(d => d.Severity == Severity.Warning).Select(FieldError.From).ToList();
        if (loaded.HasErrors)
            throw new ProblemException(new Problem(ProblemType.InvalidSpec,
                errors.Count == 1 ? $"the spec has 1 error: {errors[0].Path}: {errors[0].Message}" : $"the spec has {errors.Count} errors")
            {
                Errors = errors,
                Warnings = warnings,
            });

        var spec = loaded.Spec!;
        call.AddLogField(LogFields.Tree, spec.Name);
        planning.CheckZones(spec);
        await planning.CheckPrivateZonesAsync(spec, warnings, cancellationToken).ConfigureAwait(false);
        await CheckNamedHealthChecksAsync(spec, warnings, cancellationToken).ConfigureAwait(false);
        if (baseVersion is { } based) await BaseVersion.CheckAsync(store, spec.Name, based, cancellationToken).ConfigureAwait(false);

        if (dryRun)
        {
            var (plan, refusal) = await planning.PlanWithGuardAsync(spec, force, cancellationToken).ConfigureAwait(false);
            call.Log("dry run planned", ("layers", plan.Layers.Count), ("empty", plan.IsEmpty));
            return ApiJson.Response(200, new DryRunPlanResource(PlanJson.ToDocument(plan))
            {
                Warnings = FieldError.Documents(warnings),
                ChangeSizeGuard = new ChangeSizeVerdictDocument(refusal is null) { Message = refusal?.Message },
            });
        }

        var run = await runs.ApplyAsync(spec, baseVersion, force, call.CorrelationId, cancellationToken).ConfigureAwait(false);
        return Accepted(call, run, warnings);
    }

    private async Task CheckNamedHealthChecksAsync(TreeSpec spec, IReadOnlyList<FieldError> warnings, CancellationToken cancellationToken)
    {
        if (owners is null) return;
        var foreign = await owners.FindForeignAsync(spec, cancellationToken).ConfigureAwait(false);
        if (foreign.Count == 0) return;
        var errors = foreign.Select(f => FieldError.AtPath(f.Path,
            $"health check {f.HealthCheckId} is tagged as tree '{f.OwnerTree}'s: that tree deletes it when it stops using it; " +
            "create a check for this tree (healthCheck) or attach one no tree owns")).ToList();
        throw new ProblemException(new Problem(ProblemType.InvalidSpec,
            errors.Count == 1 ? $"the spec has 1 error: {errors[0].Path}: {errors[0].Message}" : $"the spec has {errors.Count} errors")
        {
            Errors = errors,
            Warnings = warnings,
        });
    }

    /// <summary>The 202 every run-starting route answers: the run's id and where to follow it.</summary>
    public static ApiResponse Accepted(ApiCall call, LaunchedRun run, IReadOnlyList<FieldError>? warnings = null)
    {
        call.AddLogField(LogFields.RunId, run.RunId);
        call.Log("run started", (LogFields.Tree, run.Tree), (LogFields.Version, run.Version), ("kind", EnumNames<RunKind>.Upper(run.Kind)));
        var location = ResourcePaths.PathOf(ApiRoutes.GetRun, run.RunId);
        return ApiJson.Response(202, new RunAcceptedResource
        {
            RunId = run.RunId,
            Tree = run.Tree,
            Version = run.Version,
            Kind = EnumNames<RunKind>.Upper(run.Kind),
            Status = EnumNames<RunStatus>.Upper(RunStatus.Running),
            Links = new Dictionary<string, string> { ["run"] = location, ["tree"] = ResourcePaths.PathOf(ApiRoutes.GetTree, run.Tree) },
            Warnings = FieldError.Documents(warnings),
        }).WithHeader("location", location);
    }
}
