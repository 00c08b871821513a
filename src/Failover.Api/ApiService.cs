using System.Diagnostics;
using System.Text.RegularExpressions;
using Failover.Api.Endpoints;
using Failover.Api.Http;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Api.Problems;
using Failover.Api.Routing;
using Failover.Service.Logging;

namespace Failover.Api;

/// <summary>What the API works with: the progress table, Route 53's state, the workflow, drift checks, the log.</summary>
public sealed record ApiDependencies(ITreeStore Trees, IZoneReader Zones, IRunLauncher Runs, ApiOptions Options)
{
    /// <summary>Null in a deployment without drift detection: drift-check answers 501.</summary>
    public IDriftChecks? Drift { get; init; }

    /// <summary>What Route 53's checkers observe (GET /trees/{name}/health); by default nothing is known.</summary>
    public IHealthStatuses Health { get; init; } = NoHealthStatuses.Instance;

    /// <summary>
    /// Whose are the health checks a spec names by id; null when the deployment cannot read their tags (the workflow's
    /// Plan step checks them then).
    /// </summary>
    public IHealthCheckOwners? HealthCheckOwners { get; init; }

    /// <summary>Reads a zone's records at a name as a tree (POST /adoptions); null: adoption answers 501.</summary>
    public IZoneAdoptions? Adoptions { get; init; }

    /// <summary>The process's logger; a request's lines go to the invocation's logger when the host gives one.</summary>
    public StructuredLogger Log { get; init; } = StructuredLogger.Silent;

    /// <summary>The web dashboard's files (the deployed binary embeds them); none by default.</summary>
    public IDashboardFiles Dashboard { get; init; } = NoDashboardFiles.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// The HTTP API: routes a request, runs its endpoint, and turns every failure into a problem document. Pure of AWS:
/// everything outside comes through <see cref="ApiDependencies"/>, so every route and every 4xx is testable in memory.
/// Each request gets a correlation id (the caller's <c>x-correlation-id</c>, else API Gateway's request id) that is on
/// every log line, in every problem, and echoed in the response.
/// </summary>
public sealed partial class ApiService
{
    public const string CorrelationHeader = "x-correlation-id";

    private readonly RouteTable<Endpoint> _routes;
    private readonly ApiDependencies _dependencies;

    public ApiService(ApiDependencies dependencies)
    {
        _dependencies = dependencies with { Options = dependencies.Options.Validated() };
        var options = _dependencies.Options;
        var stored = new StoredTrees(dependencies.Trees);
        var planning = new ZonePlanning(dependencies.Trees, dependencies.Zones, options.AllowedZones);
        var creation = new TreeCreation(planning, dependencies.Runs, options, dependencies.Trees, dependencies.HealthCheckOwners);
        var queries = new TreeQueries(dependencies.Trees, stored, options);
        var views = new TreeViews(dependencies.Trees, stored, planning, dependencies.Drift, options);
        var runs = new TreeRuns(dependencies.Trees, stored, planning, dependencies.Runs, options);
        var drift = new DriftViews(dependencies.Trees, stored, planning, dependencies.Drift);
        var health = new HealthViews(stored, planning, _dependencies.Health, _dependencies.Time);
        var dashboard = new DashboardPages(_dependencies.Dashboard);
        var import = new PolicyImport(options);
        var adoption = new ZoneAdoptions(planning, dependencies.Runs, options, dependencies.Adoptions);
        _routes = new RouteTable<Endpoint>()
            .Add(ApiRoutes.CreateTree, creation.CreateAsync)
            .Add(ApiRoutes.ListTrees, queries.ListAsync)
            .Add(ApiRoutes.GetTree, queries.GetAsync)
            .Add(ApiRoutes.DeleteTree, runs.DeleteAsync)
            .Add(ApiRoutes.ListVersions, queries.VersionsAsync)
            .Add(ApiRoutes.GetPlan, views.PlanAsync)
            .Add(ApiRoutes.GetDiagram, views.DiagramAsync)
            .Add(ApiRoutes.Simulate, views.SimulateAsync)
            .Add(ApiRoutes.Rollback, runs.RollbackAsync)
            .Add(ApiRoutes.GetDrift, drift.GetAsync)
            .Add(ApiRoutes.CheckDrift, drift.CheckAsync)
            .Add(ApiRoutes.GetHealth, health.GetAsync)
            .Add(ApiRoutes.ListRuns, queries.RunsAsync)
            .Add(ApiRoutes.ListEvents, queries.EventsAsync)
            .Add(ApiRoutes.GetRun, queries.RunAsync)
            .Add(ApiRoutes.GetVersion, queries.VersionAsync)
            .Add(ApiRoutes.ImportTrafficPolicy, import.ImportAsync)
            .Add(ApiRoutes.Adopt, adoption.AdoptAsync)
            .Add(ApiRoutes.Dashboard, dashboard.IndexAsync)
            .Add(ApiRoutes.DashboardAsset, dashboard.AssetAsync);
    }

    /// <summary>The routes this service serves (the same list as <see cref="ApiRoutes.All"/>).</summary>
    public IReadOnlyList<RouteDefinition> Routes => _routes.Routes;

    /// <summary>
    /// Answers one request. Never throws for anything a request can cause; cancellation is rethrown. Log lines go to
    /// <paramref name="log"/> when given (the invocation's own logger in Lambda), else to the dependencies' log, each
    /// with the request's <c>correlation_id</c>.
    /// </summary>
    public async Task<ApiResponse> HandleAsync(ApiRequest request, StructuredLogger? log = null,
        CancellationToken cancellationToken = default)
    {
        var started = _dependencies.Time.GetTimestamp();
        var correlationId = CorrelationIdOf(request);
        log = (log ?? _dependencies.Log).With((LogFields.CorrelationId, correlationId));
        var path = PathOnly(request.RawPath);
        ApiCall? call = null;
        ApiResponse response;
        Exception? failure = null;
        try
        {
            switch (_routes.Match(request.Method, path))
            {
                case RouteResult<Endpoint>.Found found:
                    call = new ApiCall(request, found.Route, found.Parameters, correlationId, log);
                    MutationGuard.Check(request, path);
                    response = await found.Handler(call, cancellationToken).ConfigureAwait(false);
                    break;
                case RouteResult<Endpoint>.WrongMethod wrong:
                    response =
                        new Problem(ProblemType.MethodNotAllowed, $"{path} takes {string.Join(", ", wrong.Allowed)}, not {request.Method}")
                    {
                        Headers = new Dictionary<string, string> { ["allow"] = string.Join(", ", wrong.Allowed) },
                    }.ToResponse(path, correlationId);
                    break;
                default:
                    response =
                        new Problem(ProblemType.RouteNotFound, $"no route {request.Method} {path}; the routes are in docs/openapi.yaml")
                        .ToResponse(path, correlationId);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var problem = FailureProblems.For(exception, correlationId);
            if (problem.Status >= 500) failure = exception;
            response = problem.ToResponse(path, correlationId);
        }

        response.WithHeader(CorrelationHeader, correlationId);
        // Every answer is data, never a page to guess the type of (the dashboard's files set their own type too).
        response.WithHeader("x-content-type-options", "nosniff");
        LogRequest(call?.Logger ?? log, request, path, call, response, failure, _dependencies.Time.GetElapsedTime(started));
        return response;
    }

    private static void LogRequest(StructuredLogger log, ApiRequest request, string path, ApiCall? call, ApiResponse response,
        Exception? failure, TimeSpan elapsed)
    {
        List<(string Name, object? Value)> fields = [("api_request_id", request.RequestId)];
        fields.Add(("method", request.Method));
        fields.Add(("path", path));
        if (call is not null) fields.Add(("route", call.Route.ToString()));
        fields.Add(("status", response.StatusCode));
        fields.Add(("duration_ms", Math.Round(elapsed.TotalMilliseconds, 3)));
        if (request.SourceIp is not null) fields.Add(("source_ip", request.SourceIp));
        if (request.Caller is not null) fields.Add(("caller", request.Caller));
        var level = response.StatusCode >= 500 ? LogLevel.Error : response.StatusCode >= 400 ? LogLevel.Warn : LogLevel.Info;
        log.Write(level, "request handled", failure, [.. fields]);
    }

    /// <summary>The caller's correlation id when it is a sensible token; API Gateway's request id otherwise.</summary>
    public static string CorrelationIdOf(ApiRequest request) =>
        request.Header(CorrelationHeader) is { } given && CorrelationToken().IsMatch(given) ? given : request.RequestId;

    // API Gateway hands over the path alone; a test or another host may leave the query on it.
    private static string PathOnly(string rawPath)
    {
        var query = rawPath.IndexOf('?');
        return query < 0 ? rawPath : rawPath[..query];
    }

    [GeneratedRegex("^[A-Za-z0-9._:/+=-]{1,128}\\z")]
    private static partial Regex CorrelationToken();
}
