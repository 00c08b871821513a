using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// The diagram as data, for a client that lays the tree out itself (the web dashboard), parents before children;
/// <c>GET /trees/{name}/diagram?format=json</c> answers it with the <see cref="Version"/> drawn.
/// </summary>
public sealed record DiagramDocument
{
    [JsonPropertyOrder(-1)] public int? Version { get; init; }
    public required string Tree { get; init; }
    public required string RecordName { get; init; }
    public required string RecordType { get; init; }
    /// <summary>A dual-stack tree's two types (<c>["A", "AAAA"]</c>), which a client can query one at a time; else not written.</summary>
    public IReadOnlyList<string>? RecordTypes { get; init; }
    public required IReadOnlyList<DiagramNodeDocument> Nodes { get; init; }
}

/// <summary>
/// One node: what the Mermaid label says as separate members (<see cref="RecordKind"/>, <see cref="RecordName"/>,
/// <see cref="Detail"/>, a rule's <see cref="ChildrenAt"/>), its place in the tree (<see cref="ParentId"/>,
/// <see cref="EdgeLabel"/>), whether the simulator can mark it unhealthy, and the overlay's states where known.
/// </summary>
public sealed record DiagramNodeDocument
{
    public required string Id { get; init; }
    /// <summary>null for the root; always written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? ParentId { get; init; }
    /// <summary>rule, endpoint or alias.</summary>
    public required string Kind { get; init; }
    public string? Routing { get; init; }
    public required string RecordKind { get; init; }
    public required string RecordName { get; init; }
    public required string Detail { get; init; }
    public string? ChildrenAt { get; init; }
    public string? EdgeLabel { get; init; }
    public string? Region { get; init; }
    public bool CanFail { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public string? AliasTarget { get; init; }
    /// <summary>PENDING, IN_PROGRESS, DONE, FAILED.</summary>
    public string? Progress { get; init; }
    /// <summary>MISSING, CHANGED.</summary>
    public string? Drift { get; init; }
    /// <summary>HEALTHY, UNHEALTHY.</summary>
    public string? Health { get; init; }
}
