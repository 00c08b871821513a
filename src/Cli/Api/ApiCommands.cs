using Failover.Cli.Input;
using Failover.Core.Contracts;
using Failover.Core.Planning;
using Failover.Core.Spec;

namespace Failover.Cli.Api;

/// <summary>
/// The commands as they run through the service's HTTP API (<c>--api</c>): the same output and exit codes as the
/// direct path, with only <c>execute-api:Invoke</c> needed. Routes: docs/openapi.yaml.
/// </summary>
internal sealed class ApiCommands(ServiceApi api, CliConsole console)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary><c>POST /trees?dryRun=true</c>: the spec file against the zone as it is and the tree as stored.</summary>
    public async Task<Plan> DryRunAsync(string specText, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(HttpMethod.Post, "/trees?dryRun=true", SpecInput.Body(specText), cancellationToken);
        var document = ServiceApi.Read<DryRunPlanResource>(response, "a plan");
        // The command loaded the spec with the same rules and printed those warnings: only the service's own are new.
        var shown = SpecLoader.Load(specText).Diagnostics.Select(d => d.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var line in (document.Warnings ?? []).Select(w => $"{w.Path}: warning: {w.Message}").Where(l => !shown.Contains(l)))
            console.Error.WriteLine(line);
        return PlanJson.ToPlan(document);
    }

    /// <summary><c>GET /trees/NAME/plan</c>: the stored tree's current version against the zone as it is.</summary>
    public async Task<Plan> StoredPlanAsync(string tree, CancellationToken cancellationToken) =>
        PlanJson.ToPlan(ServiceApi.Read<PlanDocument>(await api.GetAsync($"/trees/{Escape(tree)}/plan", cancellationToken), "a plan"));

    /// <summary>
    /// apply: the dry run's plan, the question, then <c>POST /trees</c> and the run followed to its end. A spec that
    /// changes nothing and claims nothing starts no run.
    /// </summary>
    public async Task<int> ApplyAsync(string specText, bool force, Confirmation confirm, System.CommandLine.ParseResult parse,
        CancellationToken cancellationToken)
    {
        var plan = await DryRunAsync(specText, cancellationToken);
        console.Out.Write(PlanTextWriter.Write(plan));
        // An adopted spec's plan changes nothing but claims the zone's records: that still needs its run.
        if (plan.IsEmpty && plan.Claims.IsEmpty)
        {
            console.Out.WriteLine($"{plan.Tree}: no changes");
            return CliApp.Ok;
        }
        if (!confirm.Ask(parse, console, $"Apply these changes to tree '{plan.Tree}'")) return CliApp.Invalid;
        var response = await api.SendAsync(HttpMethod.Post, "/trees" + (force ? "?force=true" : ""), SpecInput.Body(specText),
            cancellationToken);
        return await FollowAsync(ServiceApi.Read<RunAcceptedResource>(response, "a started run"), cancellationToken);
    }

    /// <summary>destroy: what the tree holds, the question, then <c>DELETE /trees/NAME</c> followed to its end.</summary>
    public async Task<int> DestroyAsync(string tree, Confirmation confirm, System.CommandLine.ParseResult parse,
        CancellationToken cancellationToken)
    {
        var detail = await TreeAsync(tree, cancellationToken);
        console.Out.WriteLine($"tree {detail.Name}: {detail.RecordName} {detail.RecordType} in zone {detail.HostedZoneId}, " +
            $"version {detail.CurrentVersion?.ToString() ?? "none"} applied: every record and health check it owns will be deleted");
        if (!confirm.Ask(parse, console, $"Destroy tree '{tree}'")) return CliApp.Invalid;
        var response = await api.SendAsync(HttpMethod.Delete, $"/trees/{Escape(tree)}", null, cancellationToken);
        return await FollowAsync(ServiceApi.Read<RunAcceptedResource>(response, "a started run"), cancellationToken);
    }

    /// <summary>rollback: the plan of going back, the question, then <c>POST /trees/NAME/rollback</c> followed to its end.</summary>
    public async Task<int> RollbackAsync(string tree, int version, Confirmation confirm, System.CommandLine.ParseResult parse,
        CancellationToken cancellationToken)
    {
        var plan = PlanJson.ToPlan(ServiceApi.Read<PlanDocument>(
            await api.GetAsync($"/trees/{Escape(tree)}/plan?version={version}", cancellationToken), "a plan"));
        console.Out.Write(PlanTextWriter.Write(plan));
        if (!confirm.Ask(parse, console, $"Roll tree '{tree}' back to version {version}")) return CliApp.Invalid;
        var response = await api.SendAsync(HttpMethod.Post, $"/trees/{Escape(tree)}/rollback",
            RequestBody.Json($$"""{"version":{{version}}}"""), cancellationToken);
        return await FollowAsync(ServiceApi.Read<RunAcceptedResource>(response, "a started run"), cancellationToken);
    }

    /// <summary><c>POST /adoptions</c> (a dry run): the tree the zone holds at the name, what it takes over, the plan.</summary>
    public async Task<AdoptionResource> AdoptAsync(AdoptionRequestDocument request, CancellationToken cancellationToken) =>
        ServiceApi.Read<AdoptionResource>(
            await api.SendAsync(HttpMethod.Post, "/adoptions", RequestBody.Json(WireJson.Write(request)), cancellationToken),
            "an adoption");

    public async Task<TreeDetailResource> TreeAsync(string tree, CancellationToken cancellationToken) =>
        ServiceApi.Read<TreeDetailResource>(await api.GetAsync($"/trees/{Escape(tree)}", cancellationToken), "a tree");

    public async Task<VersionListResource> VersionsAsync(string tree, CancellationToken cancellationToken) =>
        ServiceApi.Read<VersionListResource>(await api.GetAsync($"/trees/{Escape(tree)}/versions", cancellationToken), "versions");

    /// <summary>Every tree, page by page (<c>GET /trees</c>).</summary>
    public async Task<IReadOnlyList<TreeResource>> ListAsync(CancellationToken cancellationToken)
    {
        var trees = new List<TreeResource>();
        string? token = null;
        do
        {
            var page = ServiceApi.Read<TreeListResource>(await api.GetAsync(
                "/trees?limit=100" + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token)), cancellationToken), "a tree list");
            trees.AddRange(page.Trees);
            token = page.NextPageToken;
        } while (token is not null);
        return trees;
    }

    /// <summary><c>GET /trees/NAME/health</c>: what Route 53's checkers observe now for each health-checked endpoint.</summary>
    public async Task<TreeHealthResource> HealthAsync(string tree, CancellationToken cancellationToken) =>
        ServiceApi.Read<TreeHealthResource>(await api.GetAsync($"/trees/{Escape(tree)}/health", cancellationToken), "a health report");

    /// <summary><c>GET /trees/NAME/diagram?format=…</c>: the stored tree drawn, coloured by its last run and drift report.</summary>
    public async Task<string> DiagramAsync(string tree, string format, CancellationToken cancellationToken)
    {
        var response = await api.GetAsync($"/trees/{Escape(tree)}/diagram?format={Uri.EscapeDataString(format)}", cancellationToken);
        if (!response.Succeeded) throw new CliFailureException(string.Join(Environment.NewLine + "  ", ServiceApi.Describe(response)));
        return response.Body;
    }

    /// <summary><c>POST /trees/NAME/simulate</c>: the stored tree's answers with these endpoints failing.</summary>
    public async Task<SimulationDocument> SimulateAsync(string tree, SimulationRequestDocument query, CancellationToken cancellationToken)
    {
        var response = await api.SendAsync(HttpMethod.Post, $"/trees/{Escape(tree)}/simulate", RequestBody.Json(WireJson.Write(query)),
            cancellationToken);
        var document = ServiceApi.Read<SimulationDocument>(response, "a simulation");
        foreach (var warning in document.Warnings ?? []) console.Error.WriteLine($"{warning.Path}: warning: {warning.Message}");
        return document;
    }

    /// <summary>The tree's newest runs, page by page (<c>GET /trees/NAME/runs</c>), up to <paramref name="limit"/>.</summary>
    public async Task<RunListResource> RunsAsync(string tree, int limit, CancellationToken cancellationToken)
    {
        var runs = new List<RunSummaryResource>();
        string? token = null;
        do
        {
            var path = $"/trees/{Escape(tree)}/runs?limit={Math.Min(limit - runs.Count, 100)}"
                + (token is null ? "" : "&pageToken=" + Uri.EscapeDataString(token));
            var page = ServiceApi.Read<RunListResource>(await api.GetAsync(path, cancellationToken), "a run list");
            runs.AddRange(page.Runs);
            token = page.NextPageToken;
        } while (token is not null && runs.Count < limit);
        return new RunListResource(tree, runs, token);
    }

    /// <summary>drift: the last stored report, or with <paramref name="check"/> a check now (<c>POST …/drift-check</c>).</summary>
    public async Task<DriftResource> DriftAsync(string tree, bool check, CancellationToken cancellationToken)
    {
        var response = check
            ? await api.SendAsync(HttpMethod.Post, $"/trees/{Escape(tree)}/drift-check", null, cancellationToken)
            : await api.GetAsync($"/trees/{Escape(tree)}/drift", cancellationToken);
        return ServiceApi.Read<DriftResource>(response, "a drift report");
    }

    private Task<int> FollowAsync(RunAcceptedResource run, CancellationToken cancellationToken) =>
        new ApiRunFollower(api, console, Poll, TimeProvider.System).FollowAsync(
            new FollowedRun(run.RunId, run.Tree, run.Version, run.Kind), cancellationToken);

    /// <summary>Follows a run that is already going (<c>status --watch</c>) to its end.</summary>
    public Task<int> FollowAsync(RunResource run, CancellationToken cancellationToken) =>
        new ApiRunFollower(api, console, Poll, TimeProvider.System).FollowAsync(
            new FollowedRun(run.RunId, run.Tree, run.Version, run.Kind), cancellationToken);

    private static string Escape(string tree) => Uri.EscapeDataString(tree);
}
