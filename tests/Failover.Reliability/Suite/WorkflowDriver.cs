using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Core.Spec;
using Failover.Reliability.Audit;
using Failover.Reliability.Stack;
using Failover.Testing;

namespace Failover.Reliability.Suite;

/// <summary>How a run ended, as the progress table and Step Functions tell it.</summary>
public sealed record RunEnd(StartedRun Started, RunRecord? Run, string ExecutionStatus, IReadOnlyList<string> FunctionErrors)
{
    public bool Succeeded => Run?.Status == RunStatus.Succeeded && ExecutionStatus == "SUCCEEDED";
    /// <summary>Neither the run nor its execution ended in time: the run is stuck.</summary>
    public bool Hung => Run?.Status is null or RunStatus.Running;
    public override string ToString() => $"run {Started.RunId} of '{Started.Tree}' ({Started.Kind}): {Run?.Status.ToString() ?? "?"}, " +
        $"execution {ExecutionStatus}{(Run?.Error is { } e ? ": " + e : "")}";
}

/// <summary>Starts workflow runs the way the CLI and the API do (<see cref="RunStarter"/>) and follows them to their end.</summary>
public sealed class WorkflowDriver(ReliabilityStack stack)
{
    public static readonly TimeSpan RunPatience = TimeSpan.FromMinutes(6);

    /// <summary>How long a run may take before the driver stops waiting for it (<see cref="RunPatience"/> unless set).</summary>
    public TimeSpan Patience { get; init; } = RunPatience;

    /// <summary>A generated tree in the stack's zone, valid as the service's loader sees it (null if the generator made an invalid
    /// one).</summary>
    public TreeSpec? Generate(int seed, string name, int leaves, TreeGeneratorOptions? shape = null)
    {
        shape ??= new TreeGeneratorOptions();
        // Room for every leaf: the generator needs fanout^depth ≥ leaves.
        while (Math.Pow(shape.MaxFanout, shape.MaxDepth) < leaves) shape = shape with { MaxDepth = shape.MaxDepth + 1 };
        TreeSpec spec;
        try
        {
            spec = new TreeGenerator(seed).Generate(leaves, shape with
            {
                Name = name, HostedZoneId = stack.ZoneId, ZoneName = stack.ZoneName, RecordName = $"{name}.{stack.ZoneName}",
            });
        }
        catch (ArgumentException)
        {
            return null;
        }
        return Load(SpecJsonWriter.Write(spec));
    }

    /// <summary>A spec text loaded as the CLI and the API load it; null when it has errors.</summary>
    public static TreeSpec? Load(string text)
    {
        var loaded = SpecLoader.Load(text);
        return loaded.HasErrors ? null : loaded.Spec;
    }

    public async Task<StartedRun> ApplyAsync(TreeSpec spec, bool force = false, CancellationToken cancellationToken = default) =>
        Track(await stack.Runs.ApplyAsync(spec, force, cancellationToken: cancellationToken));

    public async Task<StartedRun> TeardownAsync(string tree, CancellationToken cancellationToken = default) =>
        Track(await stack.Runs.TeardownAsync(tree, cancellationToken: cancellationToken));

    public async Task<StartedRun> RollbackAsync(string tree, int version, CancellationToken cancellationToken = default) =>
        Track(await stack.Runs.RollbackAsync(tree, version, cancellationToken: cancellationToken));

    private StartedRun Track(StartedRun run)
    {
        stack.Track(run);
        return run;
    }

    /// <summary>Waits until the run and its execution have ended (or <see cref="Patience"/> runs out), then reads both.</summary>
    public async Task<RunEnd> WaitAsync(StartedRun started, CancellationToken cancellationToken = default)
    {
        var polled = await Eventually.PollAsync(async token =>
        {
            var run = await stack.Store.GetRunAsync(started.RunId, token);
            var execution = run is { Status: not RunStatus.Running }
                ? (await stack.States.DescribeExecutionAsync(started.ExecutionArn, token)).Status
                : "RUNNING";
            return (Run: run, Execution: execution);
        }, ended => ended.Execution != "RUNNING", Patience, TimeSpan.FromMilliseconds(500), cancellationToken);
        var (run, execution) = polled.Value;
        var errors = new List<string>();
        await foreach (var item in stack.States.GetFullExecutionHistoryAsync(started.ExecutionArn, cancellationToken: cancellationToken))
            if (item.Type == "LambdaFunctionFailed" && item.LambdaFunctionFailedEventDetails?.Error is { } error) errors.Add(error);
        return new RunEnd(started, run, execution, errors);
    }

    /// <summary>Waits for a run someone else started (the HTTP API), by its id.</summary>
    public async Task<RunEnd> WaitAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = (await Eventually.PollAsync(token => stack.Store.GetRunAsync(runId, token),
            read => read?.ExecutionArn is not null || read is { Status: not RunStatus.Running },
            Patience, TimeSpan.FromMilliseconds(250), cancellationToken)).Value;
        if (run?.ExecutionArn is { } arn)
            return await WaitAsync(new StartedRun(run.RunId, run.Tree, run.Version, run.Kind, arn), cancellationToken);
        return new RunEnd(new StartedRun(runId, run?.Tree ?? "?", run?.Version ?? 0, run?.Kind ?? RunKind.Apply, ""), run, "NONE", []);
    }

    /// <summary>Audits a tree against what it should hold now (null: nothing), in the stack's zone or <paramref name="zoneId"/>.</summary>
    public async Task<TreeAuditResult> AuditAsync(string tree, string recordName, TreeSpec? desired, IReadOnlySet<string>? ignore = null,
        CancellationToken cancellationToken = default, IReadOnlySet<string>? ignoreChecks = null, string? zoneId = null)
    {
        var zone = await stack.Moto.RecordSetsAsync(zoneId ?? stack.ZoneId, cancellationToken);
        var checks = await stack.Moto.HealthChecksAsync(cancellationToken);
        return TreeAudit.Check(tree, recordName, desired?.RecordType ?? "A", desired, zone, checks, ignore, ignoreChecks);
    }
}
