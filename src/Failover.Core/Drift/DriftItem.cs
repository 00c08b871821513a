using Failover.Core.Route53;

namespace Failover.Core.Drift;

/// <summary>What kind of difference between Route 53 and the tree an item reports.</summary>
public enum DriftKind
{
    /// <summary>A record set the tree wants is not in the zone.</summary>
    RecordMissing,
    /// <summary>A record set the tree wants is in the zone with other settings (<see cref="DriftItem.Fields"/>).</summary>
    RecordChanged,
    /// <summary>A record set the tree does not want, in its groups, at its reserved helper names, or left over.</summary>
    RecordExtra,
    /// <summary>A health check the tree wants does not exist.</summary>
    HealthCheckMissing,
    /// <summary>The tree's health check exists with another config (<see cref="DriftItem.Fields"/>).</summary>
    HealthCheckChanged,
    /// <summary>A record of the tree names a health check that no longer exists.</summary>
    RecordHealthCheckDeleted,
    /// <summary>The CloudWatch alarm the service keeps on one of the tree's health checks does not exist.</summary>
    HealthCheckAlarmMissing,
    /// <summary>The alarm on one of the tree's health checks exists with other settings (<see cref="DriftItem.Fields"/>).</summary>
    HealthCheckAlarmChanged,
    /// <summary>
    /// An alarm of the tree watches a health check that no longer exists (deleted out of band): a repair or teardown deletes
    /// the alarm (<see cref="DriftItem.AlarmName"/>).
    /// </summary>
    HealthCheckAlarmOrphaned,
    /// <summary>The CIDR collection of an ip-based rule does not exist.</summary>
    CidrCollectionMissing,
    /// <summary>The CIDR collection of an ip-based rule holds other blocks (<see cref="DriftItem.Fields"/>, one per location).</summary>
    CidrCollectionChanged,
}

/// <summary>Where an extra record set sits, which decides whether a repair can remove it.</summary>
public enum ExtraRecordPlace
{
    /// <summary>
    /// At the name and type of the tree's own record sets (or a CNAME at one of its names): Route 53 answers with it
    /// as part of the tree's group.
    /// </summary>
    TreeGroup,
    /// <summary>At one of the tree's reserved <c>_node.record</c> names, but not in a group the tree uses.</summary>
    HelperName,
    /// <summary>Owned by the tree but no longer part of it (what a run would delete).</summary>
    LeftOver,
}

/// <summary>One setting that differs: what the tree says and what Route 53 holds (null: not set).</summary>
public sealed record FieldDifference(string Field, string? Expected, string? Actual)
{
    public override string ToString() => $"{Field} {Expected ?? "(none)"} → {Actual ?? "(none)"}";
}

/// <summary>
/// One drifted item. Record items carry <see cref="Record"/>; health check items carry the tree node they belong to.
/// Only the members that make sense for the <see cref="Kind"/> are set.
/// </summary>
public sealed record DriftItem(DriftKind Kind)
{
    public RecordKey? Record { get; init; }
    /// <summary>
    /// For a record item: the hosted zone the record is in (the tree's own, or an attachment's other zone), so a tree
    /// spanning zones says where each drifted record is. Left out of equality: within a tree a record's key names one
    /// record across its zones (a name is attached once per tree), and reports stored before items carried a zone must
    /// still compare equal to the same drift found now.
    /// </summary>
    public string? HostedZoneId { get; init; }
    /// <summary>The tree node behind the record or health check (null for records the tree does not want).</summary>
    public string? NodeId { get; init; }
    /// <summary>The health check concerned: the changed one, or the deleted one a record still names.</summary>
    public string? HealthCheckId { get; init; }
    /// <summary>For a missing health check: the reference it would be created with.</summary>
    public string? CallerReference { get; init; }
    public IReadOnlyList<FieldDifference> Fields { get; init; } = [];
    /// <summary>For CIDR collection items: the collection's name (<see cref="NodeId"/> is its ip-based rule).</summary>
    public string? CidrCollection { get; init; }
    /// <summary>For an orphaned alarm: its name (<see cref="HealthCheckId"/> is the deleted check it watches).</summary>
    public string? AlarmName { get; init; }
    /// <summary>For an extra record set: where it is.</summary>
    public ExtraRecordPlace? Place { get; init; }
    /// <summary>For an extra record set: whether the tree owns it (a run would delete it) or someone else made it.</summary>
    public bool? Owned { get; init; }

    /// <summary>
    /// A record set someone else made in the tree's group: the planner never writes into a group holding records the
    /// tree does not own, so no run can repair the tree until it is removed by hand.
    /// </summary>
    public bool BlocksRepair => Kind == DriftKind.RecordExtra && Place == ExtraRecordPlace.TreeGroup && Owned == false;

    /// <summary>One line for people: what and where.</summary>
    public string Describe() => Kind switch
    {
        DriftKind.RecordMissing => $"record {Record} of node {NodeId} is missing",
        DriftKind.RecordChanged => $"record {Record} of node {NodeId} changed: {string.Join("; ", Fields)}",
        DriftKind.RecordExtra => Place switch
        {
            ExtraRecordPlace.TreeGroup when Owned == true => $"record {Record} is the tree's but no longer part of it",
            ExtraRecordPlace.TreeGroup => $"record {Record} in the tree's group was not made by the tree",
            ExtraRecordPlace.HelperName => $"record {Record} sits at a name reserved for the tree's nested rules",
            _ => $"record {Record} is the tree's but no longer part of it",
        },
        DriftKind.HealthCheckMissing => $"health check of node {NodeId} is missing",
        DriftKind.HealthCheckChanged => $"health check {HealthCheckId} of node {NodeId} changed: {string.Join("; ", Fields)}",
        DriftKind.CidrCollectionMissing => $"CIDR collection {CidrCollection} of rule {NodeId} is missing",
        DriftKind.CidrCollectionChanged =>
            $"CIDR collection {CidrCollection} of rule {NodeId} changed: {string.Join("; ", Fields)}",
        DriftKind.RecordHealthCheckDeleted =>
            $"record {Record} of node {NodeId} names health check {HealthCheckId}, which no longer exists",
        DriftKind.HealthCheckAlarmMissing => $"the alarm on health check {HealthCheckId} of node {NodeId} is missing",
        DriftKind.HealthCheckAlarmOrphaned =>
            $"alarm {AlarmName} watches health check {HealthCheckId}, which no longer exists",
        DriftKind.HealthCheckAlarmChanged =>
            $"the alarm on health check {HealthCheckId} of node {NodeId} changed: {string.Join("; ", Fields)}",
        _ => Kind.ToString(),
    };

    public override string ToString() => Describe();

    /// <summary>Member-by-member equality; the generated one compares <see cref="Fields"/> by reference.</summary>
    public bool Equals(DriftItem? other) =>
        other is not null
        && Kind == other.Kind && Record == other.Record && NodeId == other.NodeId && HealthCheckId == other.HealthCheckId
        && CallerReference == other.CallerReference && CidrCollection == other.CidrCollection
        && Place == other.Place && Owned == other.Owned
        && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Kind, Record, NodeId, HealthCheckId, Place, Owned, Fields.Count);
}
