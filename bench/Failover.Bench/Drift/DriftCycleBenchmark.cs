using System.Diagnostics;
using System.Globalization;
using Failover.Service.Drift;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Bench.Convergence;
using Failover.Local.Aws;

namespace Failover.Bench.Drift;

/// <summary>One drift cycle's size and what it cost.</summary>
internal sealed record DriftCycleResult(
    int Trees, int Records, int HealthChecks, RequestCounts Counts, double WallSeconds, double HealthCheckedShare,
        int HealthChecksAtDefaultShare)
{
    /// <summary>Route 53's largest ListResourceRecordSets page.</summary>
    public int ZonePages => (Records + 299) / 300;

    /// <summary>The least time the cycle's requests take at Route 53's account-wide 5 requests/s.</summary>
    public double SecondsAtRouteRate => Counts.Total / 5.0;

    /// <summary>
    /// ListHealthChecks requests of the same cycle if the account held <paramref name="checks"/> health checks: every
    /// tree's check lists them all, 100 per page.
    /// </summary>
    public long HealthCheckPagesWith(int checks) => (long)Trees * Math.Max(1, (checks + 99) / 100);
}

/// <summary>
/// One drift cycle over many trees sharing one zone: every applied tree checked once by the worker's own code
/// (<see cref="TreeDriftCheck"/>: load the version, read the zone and the health checks, detect, store the report),
/// one tree after the other as one worker does, with Route 53 reads counted by the realism layer. The zone is clean,
/// so every report must come back empty. The cycle runs without the rate limit (the measured wall time is this
/// machine's), and the report gives the floor the requests take at Route 53's 5 requests/s.
/// Health checks: only where Route 53 requires one (non-alias failover primaries) by default — every page of the
/// account's checks costs moto the whole list, so the generator's usual 70% (over 5,000 checks for 1,000 trees) would
/// take hours here; the result says what that share would cost.
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
            new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl, RequestsPerSecond = clientRate, Burst = 1_000 },
            credentials: LocalAccount.Credentials);
        var check = new TreeDriftCheck(stack.Store, route53, new DriftMetrics(TextWriter.Null), TimeProvider.System);
        await stack.ResetCountsAsync();
        var started = Stopwatch.GetTimestamp();
        var drifted = 0;
        await foreach (var tree in stack.Store.ListAllTreesAsync(cancellationToken: cancellationToken))
        {
            if (!DriftScheduler.IsActive(tree)) continue;
            var result = await check.RunAsync(tree.Name, cancellationToken);
            if (result.Report is not { } report) throw new InvalidOperationException($"tree '{tree.Name}' was skipped: " +
                $"{result.SkippedBecause}");
            drifted += report.DriftedItems;
        }
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var counts = await stack.CountsAsync();
        if (drifted > 0) throw new InvalidOperationException($"the clean zone reported {drifted} drifted item(s): the set-up is wrong");

        var cycle = new DriftCycleResult(trees, records, checks, counts, wall, healthCheckedShare, checksAtDefault);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Route 53 requests {counts.Total:N0} ({counts.Describe()}); {counts.Total / (double)trees:F1} per tree; zone pages " +
            $"{cycle.ZonePages}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  wall {wall:F1} s unthrottled ({wall * 1000 / trees:F0} ms per tree); at Route 53's 5 requests/s at least " +
            $"{cycle.SecondsAtRouteRate:F0} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  with {DefaultGeneratorShare:P0} of endpoints health-checked the account would hold {checksAtDefault:N0} checks: " +
            $"{cycle.HealthCheckPagesWith(checksAtDefault):N0} ListHealthChecks per cycle"));
        return cycle;
    }
}
