using Failover.Service.Ports.Store;
using Failover.Core.Spec;

namespace Failover.Service.Progress;

/// <summary>What identifies a tree in Route 53, stored with every version and on the tree item.</summary>
public sealed record TreeDescriptor(string Name, string HostedZoneId, string RecordName, string RecordType, DriftPolicy? DriftPolicy)
{
    public static TreeDescriptor From(TreeSpec spec) =>
        new(spec.Name, spec.HostedZoneId, spec.RecordName, spec.RecordType, spec.DriftPolicy);
}

public enum TreeStatus
{
    /// <summary>Stored, no version applied yet.</summary>
    New,
    /// <summary>An apply, rollback or repair run is in progress.</summary>
    Applying,
    /// <summary><see cref="TreeRecord.CurrentVersion"/> is in Route 53.</summary>
    Active,
    /// <summary>The last run failed and no version was ever applied.</summary>
    Failed,
    Deleting,
    /// <summary>Torn down; no longer listed. Its versions stay for history.</summary>
    Deleted,
}

/// <summary>
/// The tree item. <see cref="Descriptor"/> is that of the current (applied) version, or of the first stored
/// version while none is applied. <see cref="LatestVersion"/> is the highest version stored.
/// </summary>
public sealed record TreeRecord(
    TreeDescriptor Descriptor,
    TreeStatus Status,
    int? CurrentVersion,
    int LatestVersion,
    string? LastRunId,
    RunStatus? LastRunStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Name => Descriptor.Name;
}

/// <summary>One page of <see cref="IProgressStore.ListTreesAsync"/>; pass <see cref="NextPageToken"/> back for the next.</summary>
public sealed record TreePage(IReadOnlyList<TreeRecord> Trees, string? NextPageToken);

/// <summary>A stored version without its spec text (for listings).</summary>
public sealed record VersionInfo(string Tree, int Version, TreeDescriptor Descriptor, string Sha256, DateTimeOffset CreatedAt);

/// <summary>A stored version with its spec text (canonical JSON), for applying or rolling back.</summary>
public sealed record StoredVersion(VersionInfo Info, string SpecJson);
