using Failover.Service.Ports.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Metrics;

/// <summary>
/// The per-tree metrics of runs and answers as CloudWatch Embedded Metric Format lines (namespace <c>Failover</c>, as the
/// drift metrics): Lambda sends standard output to CloudWatch Logs, which turns each line into metrics without a
/// PutMetricData request. Each metric is published per tree and outcome, per outcome, and per tree, so the template's
/// dashboard can graph one tree and its alarms can watch every tree with one Metrics Insights query.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Runs</c> (Count) and <c>RunDuration</c> (Milliseconds, from the run's start to its end) when a run ends:
/// <c>Outcome</c> is <c>Succeeded</c>, <c>RolledBack</c>, <c>Failed</c> or <c>RollbackFailed</c>.</item>
/// <item><c>RollbacksFailed</c> (Count) when a run's rollback failed too: the zone may hold part of the run. Distinct from
/// a clean rollback, which the stack's failed-runs alarm also counts (both end the execution in a Fail state).</item>
/// <item><c>Route53Requests</c> and <c>Route53Throttles</c> (Count) with them: every Route 53 request the run's steps sent,
/// retries included, and how many Route 53 answered <c>Throttling</c> (<see cref="Workflow.RunRequestRate"/>).</item>
/// <item><c>InsyncWait</c> (Milliseconds) when a run's changes are INSYNC: from its first GetChange to the one that found
/// them all INSYNC (Route 53 API reference, GetChange: PENDING until every authoritative server has the change).</item>
/// <item><c>AnswerChanges</c> (Count) when the answer watcher published <c>Tree Answer Changed</c>.</item>
/// </list>
/// </remarks>
public sealed class RunMetrics(TextWriter output, TimeProvider time)
{
    public const string Namespace = EmfLine.Namespace;
    public const string TreeDimension = "Tree";
    public const string OutcomeDimension = "Outcome";

    /// <summary>Writes nowhere: for parts built without a metrics output (tests of other things, the CLI).</summary>
    public static RunMetrics None { get; } = new(TextWriter.Null, TimeProvider.System);

    /// <summary>A run ended: its outcome, how long it took, and a failed rollback as a metric of its own.</summary>
    public void RunEnded(RunRecord run, string outcome)
    {
        var now = time.GetUtcNow();
        var duration = Math.Max(0, (now - run.CreatedAt).TotalMilliseconds);
        // The ending step's own requests are not on the run's item yet: its handler adds them when it returns.
        var step = Route53Usage.Current;
        var metrics = new List<(string Name, string Unit, double Value)>
        {
            ("Runs", "Count", 1), ("RunDuration", "Milliseconds", duration),
            ("Route53Requests", "Count", run.Route53Requests + (step?.Requests ?? 0)),
            ("Route53Throttles", "Count", run.Route53Throttles + (step?.Throttles ?? 0)),
        };
        if (outcome == Outcomes.RollbackFailed) metrics.Add(("RollbacksFailed", "Count", 1));
        WriteLine(Format(now, [(TreeDimension, run.Tree), (OutcomeDimension, outcome)], metrics,
            [("run_id", run.RunId), ("kind", EnumNames<RunKind>.Upper(run.Kind))]));
    }

    /// <summary>The run's changes are INSYNC, <paramref name="waited"/> after its first GetChange.</summary>
    public void SyncWaited(RunRecord run, TimeSpan waited) =>
        WriteLine(Format(time.GetUtcNow(), [(TreeDimension, run.Tree)],
            [("InsyncWait", "Milliseconds", Math.Max(0, waited.TotalMilliseconds))], [("run_id", run.RunId)]));

    /// <summary>The answer watcher published a change of the tree's answer.</summary>
    public void AnswerChanged(string tree) =>
        WriteLine(Format(time.GetUtcNow(), [(TreeDimension, tree)], [("AnswerChanges", "Count", 1)], []));

    /// <summary>The outcomes <see cref="RunEnded"/> names.</summary>
    public static class Outcomes
    {
        public const string Succeeded = "Succeeded";
        public const string RolledBack = "RolledBack";
        public const string Failed = "Failed";
        public const string RollbackFailed = "RollbackFailed";
    }

    private void WriteLine(string line)
    {
        lock (output) output.WriteLine(line);
    }

    /// <summary>
    /// One EMF line: every metric under each dimension set made of the given dimensions — all of them, each alone, none
    /// (so a metric is found by tree, by outcome, and in total).
    /// </summary>
    public static string Format(DateTimeOffset at, IReadOnlyList<(string Name, string Value)> dimensions,
        IReadOnlyList<(string Name, string Unit, double Value)> metrics, IReadOnlyList<(string Name, string Value)> fields)
    {
        var sets = new List<IReadOnlyList<string>> { dimensions.Select(d => d.Name).ToList() };
        if (dimensions.Count > 1) sets.AddRange(dimensions.Select(d => (IReadOnlyList<string>)[d.Name]));
        sets.Add([]);
        return EmfLine.Format(at, sets, dimensions, metrics, textFields: fields);
    }
}
