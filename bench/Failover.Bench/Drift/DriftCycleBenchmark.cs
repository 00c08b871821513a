using System.Diagnostics;
using System.Globalization;
using Failover.Service.Drift;
using Failover.Aws.Route53;
using Failover.Bench.Convergence;
using Failover.Local.Aws;

namespace Failover.Bench.Drift;

/// <summary>One drift cycle's size and what it cost.</summary>
internal sealed record DriftCycleResult(
    int Trees, int Records, int HealthChecks, RequestCounts Counts, double WallSeconds, double HealthCheckedShare,
        int HealthChecksAtDefaultShare)
{
    /// <summary>Drift messages the cycle took: one per zone, split at <see cref="DriftScheduler.MaxTreesPerMessage"/> trees.</summary>
    public int Messages { get; init; }

    /// <summary>Route 53's largest ListResourceRecordSets page.</summary>
    public int ZonePages => (Records + 2 + 299) / 300;

    /// <summary>ListHealthChecks pages of the account's checks at the 1,000 a page the worker asks for.</summary>
    public int CheckPages => Math.Max(1, (HealthChecks + 999) / 1_000);

    /// <summary>The least time the cycle's requests take at Route 53's account-wide 5 requests/s.</summary>
    public double SecondsAtRouteRate => Counts.Total / 5.0;

    /// <summary>
    /// The per-zone design's requests as a model: the messages cut the zone's trees in the listing's order, so between
    /// them they read the zone's pages once, plus one page each where a message's run of names starts mid-page; each
    /// message lists the account's checks (1,000 a page); every check's tags once, ten a request.
    /// </summary>
    public static long ModelRequests(int trees, int records, int checks)
    {
        var messages = (trees + DriftScheduler.MaxTreesPerMessage - 1) / DriftScheduler.MaxTreesPerMessage;
        return (records + 2 + 299) / 300 + messages + messages * (long)Math.Max(1, (checks + 999) / 1_000) + (checks + 9) / 10;
    }

    /// <summary>
    /// The per-tree design measured on main before (bench/report.md, full run): per tree one stretch of the zone and
    /// every page of 100 of the account's checks, and the tree's checks' tags.
    /// </summary>
    public static long PerTreeModelRequests(int trees, int checks) =>
        (long)trees * (1 + Math.Max(1, (checks + 99) / 100)) + (long)Math.Round(trees * PerTreeBefore.TagRequestsPerTree);
}

/// <summary>A drift cycle size given by the request model only (its set-up is too slow for this machine).</summary>
internal sealed record DriftCycleModel(int Trees, int Records, int HealthChecks)
{
    public int Messages => (Trees + DriftScheduler.MaxTreesPerMessage - 1) / DriftScheduler.MaxTreesPerMessage;
}

/// <summary>The per-tree cycle as measured on main before drift went per zone (bench/report.md, 1,000 trees, full run).</summary>
internal static class PerTreeBefore
{
    public const int Trees = 1_000;
    public const int Records = 10_374;
    public const int HealthChecks = 395;
    public const int RecordListings = 1_000;
    public const int HealthCheckListings = 4_000;
    public const int TagRequests = 314;
    public const int Requests = 5_314;
    public const double WallSeconds = 915;
    public const double TagRequestsPerTree = TagRequests / (double)Trees;
}

/// <summary>
/// One drift cycle over many trees sharing one zone, as the deployment runs it: the trees grouped by zone into messages
/// of at most <see cref="DriftScheduler.MaxTreesPerMessage"/> (what the scheduler sends), each message checked by the
/// worker's own code (<see cref="ZoneDriftCheck"/>: load the versions, read the zone and the health checks once, detect
/// per tree, store the reports), one message after the other as one worker does, with Route 53 reads counted by the
/// realism layer. The zone is clean, so every report must come back empty. The cycle runs without the rate limit (the
/// measured wall time is this machine's), and the report gives the floor the requests take at Route 53's 5 requests/s.
/// Health checks: only where Route 53 requires one (non-alias failover primaries) by default.
/// </summary>
internal static class DriftCycleBenchmark
{
    private const double DefaultGeneratorShare = 0.7;

    public static async Task<DriftCycleResult> RunAsync(
        int trees, int leavesPerTree, double healthCheckedShare, TextWriter output, CancellationToken cancellationToken)
    {
        await using var stack = await BenchStack.StartAsync(TimeSpan.Zero, rateLimited: false);
        var setup = Stopwatch.StartNew();
        var applied = SharedZone.Generate(stack.ZoneId, stack.ZoneName, trees, leavesPerTree, healthCheckedShare);
        await SharedZone.PopulateAsync(stack, applied, cancellationToken);
        var records = applied.Sum(t => t.Compiled.Records.Count);
        var checks = applied.Sum(t => t.Compiled.HealthChecks.Count);
        var checksAtDefault = SharedZone.Generate(stack.ZoneId, stack.ZoneName, trees, leavesPerTree, DefaultGeneratorShare)
            .Sum(t => t.Compiled.HealthChecks.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift cycle: {trees:N0} trees of {leavesPerTree} leaves in one zone: {records:N0} records, {checks:N0} health checks (set " +
            $"up in {setup.Elapsed.TotalSeconds:F0} s)"));

        const double clientRate = 1_000;
        var route53 =
            new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl, RequestsPerSecond = clientRate, Burst = 1_000,
                OperationLimits = Route53OperationLimits.None },
            credentials: LocalAccount.Credentials);
        var metrics = new DriftMetrics(TextWriter.Null);
        var check = new ZoneDriftCheck(new TreeDriftCheck(stack.Store, route53, metrics, TimeProvider.System), route53, metrics,
            TimeProvider.System);
        await stack.ResetCountsAsync();
        var started = Stopwatch.GetTimestamp();
        var drifted = 0;
        // The scheduler's own cut (a zone's trees in the listing's order, runs of MaxTreesPerMessage), through the message
        // bodies as the queue carries them.
        var bodies = new List<string>();
        await new DriftScheduler(stack.Store, (_, entries, _) =>
        {
            bodies.AddRange(entries.Select(e => e.Body));
            return Task.FromResult(new Service.Ports.QueueBatchResult([.. entries.Select(e => e.Id)], []));
        }, "drift-queue", TimeProvider.System).RunAsync(cancellationToken);
        var messages = 0;
        foreach (var order in bodies.Select(DriftMessage.Read))
            {
                var chunk = order.Trees;
                messages++;
                var result = await check.RunAsync(order, cancellationToken);
                if (result.Failures.Count > 0) throw new InvalidOperationException($"{result.Failures.Count} tree(s) failed: " +
                    result.Failures[0].Error.Message);
                foreach (var tree in result.Results)
                {
                    if (tree.Report is not { } report)
                        throw new InvalidOperationException($"tree '{tree.Tree}' was skipped: {tree.SkippedBecause}");
                    drifted += report.DriftedItems;
                }
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  message {messages}: {chunk.Count} trees, {result.Requests.Total} requests ({result.Requests}); records " +
                    $"{result.RecordsRead}, checks {result.ChecksRead}"));
            }
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var counts = await stack.CountsAsync();
        if (drifted > 0) throw new InvalidOperationException($"the clean zone reported {drifted} drifted item(s): the set-up is wrong");

        var cycle = new DriftCycleResult(trees, records, checks, counts, wall, healthCheckedShare, checksAtDefault) { Messages = messages };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Route 53 requests {counts.Total:N0} ({counts.Describe()}) in {messages} message(s); " +
            $"{counts.Total / (double)trees:F2} per " +
            $"tree; zone pages {cycle.ZonePages}; model {DriftCycleResult.ModelRequests(trees, records, checks):N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wall {wall:F1} s unthrottled ({wall * 1000 / trees:F0} ms per tree); at Route 53's 5 requests/s at least " +
            $"{cycle.SecondsAtRouteRate:F0} s"));
        return cycle;
    }
}
