using System.Security.Cryptography;
using System.Text;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Compilation;
using Failover.Core.Diagram;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Aws.Tests.Api;

/// <summary>The progress table's read side, in memory: what the API reads, put there by the test.</summary>
internal sealed class InMemoryTreeStore : ITreeStore
{
    public Dictionary<string, TreeRecord> Trees { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Tree, int Version), StoredVersion> Versions { get; } = [];
    public Dictionary<string, RunRecord> Runs { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<NodeProgress>> Nodes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, DriftReportRecord> Drift { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, HashSet<RecordKey>> Owned { get; } = new(StringComparer.Ordinal);
    public List<TreeEventRecord> Events { get; } = [];

    public static readonly DateTimeOffset Moment = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>When set, every read throws it: the table failing under the API.</summary>
    public Exception? Failure { get; set; }

    private void Fail()
    {
        if (Failure is not null) throw Failure;
    }

    /// <summary>Stores a spec as the tree's next version (current when <paramref name="applied"/>).</summary>
    public TreeRecord Add(TreeSpec spec, bool applied = true, TreeStatus? status = null)
    {
        var descriptor = TreeDescriptor.From(spec);
        var version = Trees.TryGetValue(spec.Name, out var existing) ? existing.LatestVersion + 1 : 1;
        var json = SpecJsonWriter.Write(spec);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        Versions[(spec.Name, version)] =
            new StoredVersion(new VersionInfo(spec.Name, version, descriptor, sha, Moment.AddMinutes(version)), json);
        var tree = new TreeRecord(descriptor, status ?? (applied ? TreeStatus.Active : TreeStatus.New),
            applied ? version : existing?.CurrentVersion, version, existing?.LastRunId, existing?.LastRunStatus, Moment,
                Moment.AddMinutes(version));
        Trees[spec.Name] = tree;
        return tree;
    }

    /// <summary>A run of the tree's current version with these node statuses, made the tree's last run.</summary>
    public RunRecord AddRun(string tree, string runId, RunStatus status, params (string NodeId, NodeStatus Status)[] nodes)
    {
        var record = Trees[tree];
        var run = new RunRecord(runId, tree, record.CurrentVersion ?? record.LatestVersion, RunKind.Apply, status, null, null, false,
            Moment, Moment, status == RunStatus.Running ? null : Moment.AddMinutes(1));
        Runs[runId] = run;
        Nodes[runId] =
            nodes.Select(n => new NodeProgress(runId, n.NodeId, "leaf-records", n.Status, [], null, null, null, Moment, Moment, null, null))
            .ToList();
        Trees[tree] = record with { LastRunId = runId, LastRunStatus = status };
        return run;
    }

    public Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken)
    {
        Fail();
        return Task.FromResult(Trees.GetValueOrDefault(tree));
    }

    public Task<TreePage> ListTreesAsync(int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        Fail();
        var ordered = Trees.Values.Where(t => t.Status != TreeStatus.Deleted).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var start = 0;
        if (pageToken is not null)
        {
            if (!pageToken.StartsWith("after:", StringComparison.Ordinal)) throw new ArgumentException("not a page token",
                nameof(pageToken));
            start = ordered.FindIndex(t => t.Name == pageToken["after:".Length..]) + 1;
        }
        var page = ordered.Skip(start).Take(pageSize).ToList();
        var next = start + pageSize < ordered.Count ? "after:" + page[^1].Name : null;
        return Task.FromResult(new TreePage(page, next));
    }

    public Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<VersionInfo>>(Versions.Where(v => v.Key.Tree == tree).Select(v => v.Value.Info)
            .OrderByDescending(v => v.Version).ToList());

    public Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken) =>
        Task.FromResult(Versions.GetValueOrDefault((tree, version)));

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        Fail();
        return Task.FromResult(Runs.GetValueOrDefault(runId));
    }

    /// <summary>Newest first (start time, then run id, as the listing index orders them).</summary>
    public Task<RunPage> ListRunsAsync(string tree, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        Fail();
        var ordered = Runs.Values.Where(r => r.Tree == tree)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
        var start = 0;
        if (pageToken is not null)
        {
            if (!pageToken.StartsWith("after:", StringComparison.Ordinal)) throw new ArgumentException("not a page token",
                nameof(pageToken));
            start = ordered.FindIndex(r => r.RunId == pageToken["after:".Length..]) + 1;
        }
        var page = ordered.Skip(start).Take(pageSize).ToList();
        return Task.FromResult(new RunPage(page, start + pageSize < ordered.Count ? "after:" + page[^1].RunId : null));
    }

    public Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<NodeProgress>>(Nodes.GetValueOrDefault(runId) ?? []);

    public Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken) =>
        Task.FromResult(Drift.GetValueOrDefault(tree));

    public Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlySet<RecordKey>>(Owned.GetValueOrDefault(tree) ?? []);

    /// <summary>Newest first, as the table's sort key orders them.</summary>
    public Task<IReadOnlyList<TreeEventRecord>> ListEventsAsync(string tree, int limit, CancellationToken cancellationToken)
    {
        Fail();
        return Task.FromResult<IReadOnlyList<TreeEventRecord>>(
            [.. Events.Where(e => e.Tree == tree).OrderByDescending(e => e.Time).Take(limit)]);
    }
}

/// <summary>A zone whose state the test sets; it counts reads, so a test can show that a refusal came before any.</summary>
internal sealed class FakeZoneReader : IZoneReader
{
    public ActualState State { get; set; } = ActualState.Empty;
    public int Reads { get; private set; }
    public Exception? Failure { get; set; }

    public Task<ActualState> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned, CancellationToken cancellationToken)
    {
        Reads++;
        if (Failure is not null) throw Failure;
        // The port's contract: owned keys come as the store keeps them (zones spelled out) and the state holds them seen
        // from the tree's zone, as ActualStateReader does.
        return Task.FromResult(State with { OwnedRecords = Failover.Service.Apply.OwnedKeys.Relative(owned, desired.Spec.HostedZoneId) });
    }
}

/// <summary>Records the runs asked for; refuses with <see cref="Refusal"/> when set.</summary>
internal sealed class FakeRunLauncher : IRunLauncher
{
    public List<(RunKind Kind, string Tree, int? Version, TreeSpec? Spec, string CorrelationId)> Calls { get; } = [];
    public LaunchRefusedException? Refusal { get; set; }
    private int _next;

    /// <summary>The <c>force</c> of every apply asked for, in order.</summary>
    public List<bool> Forces { get; } = [];

    /// <summary>The <c>baseVersion</c> of every apply asked for, in order.</summary>
    public List<int?> BaseVersions { get; } = [];

    public Task<LaunchedRun> ApplyAsync(
        TreeSpec spec, int? baseVersion, bool force, string correlationId, CancellationToken cancellationToken)
    {
        Forces.Add(force);
        BaseVersions.Add(baseVersion);
        return Launch(RunKind.Apply, spec.Name, null, spec, correlationId);
    }

    public Task<LaunchedRun> RollbackAsync(string tree, int version, string correlationId, CancellationToken cancellationToken) =>
        Launch(RunKind.Rollback, tree, version, null, correlationId);

    public Task<LaunchedRun> TeardownAsync(string tree, string correlationId, CancellationToken cancellationToken) =>
        Launch(RunKind.Teardown, tree, null, null, correlationId);

    private Task<LaunchedRun> Launch(RunKind kind, string tree, int? version, TreeSpec? spec, string correlationId)
    {
        Calls.Add((kind, tree, version, spec, correlationId));
        if (Refusal is not null) throw Refusal;
        return Task.FromResult(new LaunchedRun($"run-{++_next}", tree, version ?? 1, kind));
    }
}

internal sealed class FakeDriftChecks(Dictionary<string, DriftState> states) : IDriftChecks
{
    public List<string> Checked { get; } = [];

    public Task<DriftReportRecord> CheckNowAsync(TreeRecord tree, CancellationToken cancellationToken)
    {
        Checked.Add(tree.Name);
        return Task.FromResult(
            new DriftReportRecord(tree.Name, """{"items":[{"nodeId":"main","kind":"changed"}]}""", 1, InMemoryTreeStore.Moment));
    }

    public IReadOnlyDictionary<string, DriftState> NodeStates(DriftReportRecord report) => states;
}

/// <summary>Checker statuses by node id; records which specs were read.</summary>
internal sealed class FakeHealthStatuses(params CheckStatuses[] checks) : IHealthStatuses
{
    public List<(string Tree, int Nodes)> Reads { get; } = [];

    public Task<IReadOnlyList<CheckStatuses>> ReadAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        Reads.Add((spec.Name, spec.Root.DescendantsAndSelf().Count()));
        return Task.FromResult<IReadOnlyList<CheckStatuses>>(checks);
    }
}

/// <summary>
/// A zone as adoption reads it, in memory: the core's <see cref="Failover.Core.Adoption.ZoneAdopter"/> over these records
/// and checks, with the trees of this deployment that already answer for a name.
/// </summary>
internal sealed class FakeZoneAdoptions(Failover.Core.Adoption.ZoneSnapshot zone) : IZoneAdoptions
{
    public Dictionary<string, string> Owners { get; } = new(StringComparer.Ordinal);
    public int Reads { get; private set; }
    public Exception? Failure { get; set; }

    public Task<Failover.Core.Adoption.AdoptionResult> AdoptAsync(string hostedZoneId, Failover.Core.Adoption.AdoptionRequest request,
        CancellationToken cancellationToken = default)
    {
        Reads++;
        if (Failure is not null) throw Failure;
        if (Owners.TryGetValue(request.RecordName, out var owner) && owner != request.TreeName)
            return Task.FromResult(new Failover.Core.Adoption.AdoptionResult(null, [new(null, $"tree '{owner}' already owns it")], [])
            {
                OwnerTree = owner,
            });
        return Task.FromResult(Failover.Core.Adoption.ZoneAdopter.Adopt(zone with { HostedZoneId = hostedZoneId }, request));
    }
}
