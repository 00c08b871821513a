using System.Diagnostics;
using System.Globalization;
using System.Text;
using Failover.Aws.Http;
using Failover.Aws.Route53;
using Failover.Local.Aws;

namespace Failover.Bench.Convergence;

internal sealed record ApplyRateRow(int Leaves, TreeShape Shape, string Strategy, double AccountRate, RequestCounts Counts,
    double WallSeconds, double PendingSeconds)
{
    /// <summary>The per-operation buckets the account had (none: the account's bucket alone).</summary>
    public IReadOnlyDictionary<string, OperationLimit> OperationLimits { get; init; } = Route53OperationLimits.None;

    /// <summary>
    /// The least an apply can take: the slowest bucket's time, then one propagation. The account's bucket takes every
    /// request at its rate; an operation's own bucket ("Throttling for Amazon Route 53 API requests") lets its burst go at
    /// once and the rest at its refill rate, so 335 new checks need (335 − 50) ÷ 0.5 = 570 s of CreateHealthCheck.
    /// </summary>
    public double FloorSeconds => Buckets.Max(b => b.Seconds) + PendingSeconds;

    /// <summary>The bucket the floor is set by: <c>account</c> or an operation's name.</summary>
    public string FloorBucket => Buckets.MaxBy(b => b.Seconds).Name;

    private IEnumerable<(string Name, double Seconds)> Buckets =>
        OperationLimits.Select(e => (e.Key, Math.Max(0, Counts.Get(e.Key) - e.Value.Burst) / e.Value.PerSecond))
            .Prepend(("account", Counts.Total / AccountRate));

    public double OverFloor => WallSeconds / FloorSeconds;

    /// <summary>Where the workflow's time went (null for the direct path).</summary>
    public ApplyTimeline? Timeline { get; init; }

    /// <summary>The health-check requests and the seconds they took (<see cref="RequestSampler.HealthCheckLayer"/>).</summary>
    public (long Requests, double Seconds, double Low, double High)? HealthCheckLayer { get; init; }

    /// <summary>The same spec applied again on the same stack, by the workflow and then the direct path (when asked).</summary>
    public IReadOnlyList<(string Strategy, RequestCounts Counts, double WallSeconds)> NoOps { get; init; } = [];
}

/// <summary>
/// Applying generated trees at the account's rate: the realism layer answers <c>Throttling</c> above
/// <c>rate</c> requests/s (burst 50, Route 53's bucket), and the service's Route 53 client starts at its default 5/s
/// and adapts. Each tree, rate and strategy gets a fresh stack; the learned rate is put back to 5/s before each
/// measurement (the functions of the local stack share this process's client, and an earlier measurement's rate
/// would otherwise carry over). The floor is <c>requests ÷ rate + one propagation</c>.
/// </summary>
internal static class ApplyRateBenchmark
{
    public static async Task<IReadOnlyList<ApplyRateRow>> RunAsync(IReadOnlyList<int> leaves, IReadOnlyList<double> rates,
        IReadOnlyList<string> strategies, TimeSpan pending, TextWriter output, CancellationToken cancellationToken, bool reapply = false,
        int? healthCheckConcurrency = null, TextWriter? trace = null, bool perOperation = false)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"apply at the account's rate: changes PENDING {pending.TotalSeconds:0.#} s; clients start at 5/s and adapt; ")
            + (perOperation ? "Route 53's per-operation buckets on" : "the account's bucket alone"));
        var rows = new List<ApplyRateRow>();
        foreach (var size in leaves)
            foreach (var rate in rates)
                foreach (var name in strategies)
                {
                    IApplyStrategy strategy = name == "direct" ? new DirectApply() : new WorkflowApply();
                    await using var stack =
                        await BenchStack.StartAsync(pending, healthCheckConcurrency: healthCheckConcurrency, accountRate: rate,
                            operationLimits: perOperation);
                    var spec = TreeCase.OfLeaves(size).InZone(stack.ZoneId);
                    var shape = TreeShape.Of(spec);
                    await stack.ResetCountsAsync();
                    // The reset restores the start-up settings: a row must run at the limit it is labelled with.
                    if (stack.AccountLimit is not { Enabled: true } limit || limit.PerSecond != rate)
                        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                            $"{size} leaves at {rate}/s: the realism layer limits at {stack.AccountLimit.PerSecond}/s; void"));
                    if (stack.OperationLimits.Count > 0 != perOperation)
                        throw new InvalidOperationException($"{size} leaves: per-operation buckets {(perOperation ? "off" : "on")}; void");
                    StartingRate(stack).Resume(5);
                    // The process's operation buckets outlive the last row's stack; this row's account starts full.
                    foreach (var operation in OperationRatesOf(stack)?.All ?? []) operation.Restart();
                    trace?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"# {size} leaves {strategy.Name} at {rate}/s: UTC, served, throttled, health-check requests, client's rate"));
                    var sampler = new RequestSampler(stack, () => StartingRate(stack).RequestsPerSecond, trace);
                    var started = Stopwatch.GetTimestamp();
                    await strategy.ApplyAsync(stack, spec, cancellationToken);
                    var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    await sampler.DisposeAsync();
                    var counts = await stack.CountsAsync();
                    if (counts.Rejected > 0)
                        throw new InvalidOperationException($"{size} leaves at {rate}/s: {counts.Rejected} request(s) rejected; void");
                    var timeline = strategy is WorkflowApply { LastExecutionArn: { } arn }
                        ? await ApplyTimeline.ReadAsync(stack, arn, sampler.Totals, cancellationToken) : null;
                    var row = new ApplyRateRow(size, shape, strategy.Name, rate, counts, wall, pending.TotalSeconds)
                    {
                        OperationLimits = stack.OperationLimits, Timeline = timeline, HealthCheckLayer = sampler.HealthCheckLayer,
                    };
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{size,6} leaves {strategy.Name,-9} at {rate,4:0.#}/s: {counts.Total,5} requests " +
                        $"({counts.Throttled} throttled), " +
                        $"{wall,7:F1} s; floor {row.FloorSeconds,7:F1} s ({row.FloorBucket}); apply ÷ floor {row.OverFloor:F2}; " +
                        $"client ended at {StartingRate(stack).RequestsPerSecond:0.0}/s"));
                    if (timeline is not null) output.WriteLine($"  {timeline.Describe()}");
                    if (row.HealthCheckLayer is { } checks)
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  health checks: {checks.Requests} requests in {checks.Seconds:F0} s, {HealthCheckRate(row)}; " +
                            $"client's rate {checks.Low:0.0}–{checks.High:0.0}/s"));
                    if (reapply) row = row with { NoOps = await NoOpsAsync(stack, spec, output, cancellationToken) };
                    rows.Add(row);
                }
        return rows;
    }

    /// <summary>
    /// The applied spec again, unchanged, through the workflow and then the direct path: each must make no mutating
    /// request (the realism layer's counts).
    /// </summary>
    private static async Task<IReadOnlyList<(string, RequestCounts, double)>> NoOpsAsync(BenchStack stack,
        Core.Spec.TreeSpec spec, TextWriter output, CancellationToken cancellationToken)
    {
        var result = new List<(string, RequestCounts, double)>();
        foreach (IApplyStrategy strategy in new IApplyStrategy[] { new WorkflowApply(), new DirectApply() })
        {
            await stack.ResetCountsAsync();
            var started = Stopwatch.GetTimestamp();
            await strategy.ApplyAsync(stack, spec, cancellationToken);
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var counts = await stack.CountsAsync();
            result.Add((strategy.Name, counts, wall));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  no-op re-apply, {strategy.Name}: {counts.Total} requests, {counts.Mutating} mutating ({counts.Describe()}), " +
                $"{wall:F1} s"));
        }
        return result;
    }

    /// <summary>
    /// The process's shared Route 53 rate: every client with the default options uses it, the stack's functions too.
    /// </summary>
    private static Aws.Http.AdaptiveRate StartingRate(BenchStack stack) =>
        new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl }, credentials: LocalAccount.Credentials).RequestRate!;

    /// <summary>The process's per-operation buckets the stack's clients share (null when they pace by none).</summary>
    private static OperationRates? OperationRatesOf(BenchStack stack) => new Route53Client(
        new Route53ClientOptions { Endpoint = stack.EdgeUrl, OperationLimits = stack.OperationLimits },
        credentials: LocalAccount.Credentials).OperationRates;

    /// <summary>The health-check layer's requests a second, the figure the load does not set while the rate does.</summary>
    private static string HealthCheckRate(ApplyRateRow row) => row.HealthCheckLayer is { Seconds: > 0 } checks
        ? string.Create(CultureInfo.InvariantCulture, $"{checks.Requests / checks.Seconds:F2}/s")
        : "–";

    public static string Markdown(IReadOnlyList<ApplyRateRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| leaves | record sets | health checks | strategy | account rate | buckets | requests | throttled | wall | " +
            "floor (set by) | apply ÷ floor | health-check requests a second |");
        text.AppendLine("|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Leaves:N0} | {row.Shape.Records:N0} | {row.Shape.HealthChecks:N0} | {row.Strategy} | " +
                $"{row.AccountRate:0.#}/s | {(row.OperationLimits.Count > 0 ? "account + per operation" : "account")} | " +
                $"{row.Counts.Total:N0} | {row.Counts.Throttled} | {row.WallSeconds:F1} s | " +
                $"{row.FloorSeconds:F1} s ({row.FloorBucket}) | **{row.OverFloor:F2}** | {HealthCheckRate(row)} |"));
        var noOps = rows.Where(r => r.NoOps.Count > 0).ToList();
        if (noOps.Count == 0) return text.ToString();
        text.AppendLine();
        text.AppendLine("| leaves | no-op re-apply | requests | mutating | reads | wall |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var row in noOps)
            foreach (var (strategy, counts, wall) in row.NoOps)
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {row.Leaves:N0} | {strategy} | {counts.Total:N0} | **{counts.Mutating}** | {counts.Reads:N0} | {wall:F1} s |"));
        return text.ToString();
    }
}
