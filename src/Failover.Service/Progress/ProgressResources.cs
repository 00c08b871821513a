using Failover.Core.Contracts;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Service.Progress;

/// <summary>
/// The one mapping from what the progress table holds (trees, versions, runs, nodes, drift reports) to the records
/// that cross a wire: the API's resources and <c>failover status --json</c>. Statuses are SNAKE_UPPER, as stored.
/// </summary>
public static class ProgressResources
{
    public static TreeResource Tree(TreeRecord tree) => new()
    {
        Name = tree.Name,
        HostedZoneId = tree.Descriptor.HostedZoneId,
        RecordName = tree.Descriptor.RecordName,
        RecordType = tree.Descriptor.RecordType,
        DriftPolicy = DriftPolicyName(tree.Descriptor.DriftPolicy),
        Status = EnumNames<TreeStatus>.Upper(tree.Status),
        CurrentVersion = tree.CurrentVersion,
        LatestVersion = tree.LatestVersion,
        LastRunId = tree.LastRunId,
        LastRunStatus = tree.LastRunStatus is { } status ? EnumNames<RunStatus>.Upper(status) : null,
        CreatedAt = Timestamps.Format(tree.CreatedAt),
        UpdatedAt = Timestamps.Format(tree.UpdatedAt),
    };

    public static TreeEventResource Event(TreeEventRecord record) => new()
    {
        EventId = record.EventId,
        DetailType = record.DetailType,
        Time = Timestamps.Format(record.Time),
        Summary = record.Summary,
        Version = record.Version,
        RunId = record.RunId,
        Link = record.Link,
    };

    public static DriftCheckSummary? LastDriftCheck(DriftReportRecord? drift) =>
        drift is null ? null : new DriftCheckSummary(Timestamps.Format(drift.CheckedAt), drift.DriftedItems);

    public static VersionResource Version(VersionInfo version, int? currentVersion) => new()
    {
        Version = version.Version,
        Current = version.Version == currentVersion,
        HostedZoneId = version.Descriptor.HostedZoneId,
        RecordName = version.Descriptor.RecordName,
        RecordType = version.Descriptor.RecordType,
        DriftPolicy = DriftPolicyName(version.Descriptor.DriftPolicy),
        Sha256 = version.Sha256,
        CreatedAt = Timestamps.Format(version.CreatedAt),
    };

    public static VersionWithSpecResource VersionWithSpec(StoredVersion stored, int? currentVersion) =>
        new(stored.Info.Tree, Version(stored.Info, currentVersion)) { Spec = new RawJson(stored.SpecJson) };

    public static RunResource Run(RunRecord run, IReadOnlyList<NodeProgress> nodes) => new()
    {
        RunId = run.RunId,
        Tree = run.Tree,
        Version = run.Version,
        Kind = EnumNames<RunKind>.Upper(run.Kind),
        Status = EnumNames<RunStatus>.Upper(run.Status),
        Error = run.Error,
        ExecutionArn = run.ExecutionArn,
        CreatedAt = Timestamps.Format(run.CreatedAt),
        UpdatedAt = Timestamps.Format(run.UpdatedAt),
        FinishedAt = Timestamps.Format(run.FinishedAt),
        NodeCounts = Enum.GetValues<NodeStatus>().ToDictionary(EnumNames<NodeStatus>.Upper, status => nodes.Count(n => n.Status == status)),
        Nodes = nodes.Select(Node).ToList(),
    };

    public static RunSummaryResource RunSummary(RunRecord run) => new()
    {
        RunId = run.RunId,
        Version = run.Version,
        Kind = EnumNames<RunKind>.Upper(run.Kind),
        Status = EnumNames<RunStatus>.Upper(run.Status),
        Error = run.Error,
        CreatedAt = Timestamps.Format(run.CreatedAt),
        UpdatedAt = Timestamps.Format(run.UpdatedAt),
        FinishedAt = Timestamps.Format(run.FinishedAt),
    };

    public static NodeResource Node(NodeProgress node) => new()
    {
        NodeId = node.NodeId,
        Layer = node.Layer,
        Status = EnumNames<NodeStatus>.Upper(node.Status),
        Records = node.Records.Select(Key).ToList(),
        HealthCheckId = node.HealthCheckId,
        ChangeId = node.ChangeId,
        Error = node.Error,
        StartedAt = Timestamps.Format(node.StartedAt),
        FinishedAt = Timestamps.Format(node.FinishedAt),
    };

    /// <summary>The stored report goes out exactly as the drift check stored it.</summary>
    public static DriftResource Drift(DriftReportRecord report) =>
        new(report.Tree, Timestamps.Format(report.CheckedAt), report.DriftedItems, new RawJson(report.ReportJson));

    /// <summary><c>failover status --json</c>: the tree, its versions, its last run and that run's nodes.</summary>
    public static TreeStatusDocument Status(
        TreeRecord tree, IReadOnlyList<VersionInfo> versions, RunRecord? run, IReadOnlyList<NodeProgress> nodes) => new()
    {
        Tree = tree.Name,
        Status = EnumNames<TreeStatus>.Upper(tree.Status),
        CurrentVersion = tree.CurrentVersion,
        LatestVersion = tree.LatestVersion,
        HostedZoneId = tree.Descriptor.HostedZoneId,
        RecordName = tree.Descriptor.RecordName,
        RecordType = tree.Descriptor.RecordType,
        Versions = versions.Select(v => new StatusVersionDocument(v.Version, v.Sha256, v.CreatedAt)).ToList(),
        LastRun = run is null ? null : new StatusRunDocument
        {
            RunId = run.RunId,
            Kind = EnumNames<RunKind>.Upper(run.Kind),
            Version = run.Version,
            Status = EnumNames<RunStatus>.Upper(run.Status),
            Error = run.Error,
            ExecutionArn = run.ExecutionArn,
            CreatedAt = run.CreatedAt,
            FinishedAt = run.FinishedAt,
            Nodes = nodes.Select(n => new StatusNodeDocument
            {
                NodeId = n.NodeId,
                Layer = n.Layer,
                Status = EnumNames<NodeStatus>.Upper(n.Status),
                ChangeId = n.ChangeId,
                HealthCheckId = n.HealthCheckId,
                Error = n.Error,
                Records = n.Records.Select(Key).ToList(),
            }).ToList(),
        },
    };

    private static RecordKeyDocument Key(RecordKey key) => new(key.Name, key.Type, key.SetIdentifier) { HostedZoneId = key.Zone };

    /// <summary>null: the spec leaves it to the deployment's <c>DefaultDriftPolicy</c>.</summary>
    private static string? DriftPolicyName(DriftPolicy? policy) => policy is { } set ? SpecFields.Name(set) : null;
}
