using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// The drift report on the wire — what the progress table stores, <c>GET /trees/{name}/drift</c> answers in its
/// <c>report</c> and <c>failover drift --json</c> prints. Enum members are camelCase (<c>recordMissing</c>,
/// <c>treeGroup</c>, <c>started</c>); each item has the members its kind uses and a <c>message</c> for people
/// (ignored when read back).
/// </summary>
public sealed record DriftReportDocument
{
    public string? Tree { get; init; }
    public string? HostedZoneId { get; init; }
    public string? RecordName { get; init; }
    public int? Version { get; init; }
    /// <summary>UTC, with milliseconds: <c>2026-03-01T12:15:00.000Z</c>.</summary>
    public string? CheckedAt { get; init; }
    public int DriftedItems { get; init; }
    public IReadOnlyList<DriftItemDocument?>? Items { get; init; }
    public DriftRepairDocument? Repair { get; init; }
}

public sealed record DriftItemDocument
{
    public string? Kind { get; init; }
    public RecordKeyDocument? Record { get; init; }
    /// <summary>For a record item: the hosted zone the record is in (left out in reports stored before items had one).</summary>
    public string? HostedZoneId { get; init; }
    public string? NodeId { get; init; }
    public string? HealthCheckId { get; init; }
    public string? CallerReference { get; init; }
    /// <summary>For CIDR collection items: the collection's name.</summary>
    public string? CidrCollection { get; init; }
    /// <summary>For an orphaned alarm: its name.</summary>
    public string? AlarmName { get; init; }
    public string? Place { get; init; }
    public bool? Owned { get; init; }
    /// <summary>Written only when true.</summary>
    public bool? BlocksRepair { get; init; }
    public IReadOnlyList<FieldDifferenceDocument?>? Fields { get; init; }
    public string? Message { get; init; }
}

/// <summary>One setting that differs; null where it is not set, always written.</summary>
public sealed record FieldDifferenceDocument(
    string? Field,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Expected,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Actual);

public sealed record DriftRepairDocument(string? Status, string? RunId, string? Reason);

/// <summary>A record set's identity: name, type and (when set) set identifier. Names as the core holds them, no trailing dot.</summary>
public sealed record RecordKeyDocument(string? Name, string? Type, string? SetIdentifier)
{
    /// <summary>
    /// The hosted zone, written only where it is not the zone the document is about (a node's record in another
    /// attachment's zone, or the old zone of a move): one name may be answered in two zones by one tree.
    /// </summary>
    public string? HostedZoneId { get; init; }
}
