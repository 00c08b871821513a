using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// <c>failover status NAME --json</c>: the tree, its stored versions, its last run and that run's nodes, read from the
/// progress table. Statuses are SNAKE_UPPER as in the API; instants are ISO 8601 with their offset.
/// </summary>
public sealed record TreeStatusDocument
{
    public required string Tree { get; init; }
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int? CurrentVersion { get; init; }
    public int LatestVersion { get; init; }
    public required string HostedZoneId { get; init; }
    public required string RecordName { get; init; }
    public required string RecordType { get; init; }
    public required IReadOnlyList<StatusVersionDocument> Versions { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public StatusRunDocument? LastRun { get; init; }
}

public sealed record StatusVersionDocument(int Version, string Sha256, DateTimeOffset CreatedAt);

public sealed record StatusRunDocument
{
    public required string RunId { get; init; }
    public required string Kind { get; init; }
    public int Version { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public string? ExecutionArn { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required IReadOnlyList<StatusNodeDocument> Nodes { get; init; }
}

public sealed record StatusNodeDocument
{
    public required string NodeId { get; init; }
    public string? Layer { get; init; }
    public required string Status { get; init; }
    public string? ChangeId { get; init; }
    public string? HealthCheckId { get; init; }
    public string? Error { get; init; }
    public required IReadOnlyList<RecordKeyDocument> Records { get; init; }
}
