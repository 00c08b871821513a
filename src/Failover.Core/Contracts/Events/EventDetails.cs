namespace Failover.Core.Contracts.Events;

/// <summary>
/// The <c>detail</c> of <c>Run Started</c>, <c>Run Succeeded</c>, <c>Run Failed</c>, <c>Run Rolled Back</c> and
/// <c>Drift Repaired</c>: which run of which tree, where in Route 53, and how it ended. Schemas: docs/events/run-*.schema.json.
/// </summary>
public sealed record RunEventDetail
{
    /// <summary>Unique per run and detail type: a consumer that sees it twice (EventBridge delivers at least once) drops one.</summary>
    public required string EventId { get; init; }
    public required string Tree { get; init; }
    public required int Version { get; init; }
    public required string RunId { get; init; }
    /// <summary>APPLY, ROLLBACK, TEARDOWN or REPAIR.</summary>
    public required string Kind { get; init; }
    /// <summary>RUNNING, SUCCEEDED, FAILED or ROLLED_BACK.</summary>
    public required string Status { get; init; }
    public required string HostedZoneId { get; init; }
    public required IReadOnlyList<string> RecordNames { get; init; }
    public required string RecordType { get; init; }
    /// <summary>The run in the HTTP API: <c>{api}/runs/{runId}</c> (a path when the deployment does not know its API's URL).</summary>
    public required string Link { get; init; }
    public required string Time { get; init; }
    /// <summary>The id of the API request that started the run, which its log lines carry.</summary>
    public string? CorrelationId { get; init; }
    public string? ExecutionArn { get; init; }
    /// <summary>For a failed or rolled-back run: the error's name (the Catch's <c>Error</c>).</summary>
    public string? Error { get; init; }
    /// <summary>For a failed or rolled-back run: what went wrong, readable.</summary>
    public string? Cause { get; init; }
    /// <summary>True when the rollback itself failed (<c>Run Failed</c> only): the zone may hold part of the run.</summary>
    public bool? RollbackFailed { get; init; }
}

/// <summary>The <c>detail</c> of <c>Drift Detected</c>: a drift check found Route 53 differing from the tree's current version.</summary>
public sealed record DriftEventDetail
{
    public required string EventId { get; init; }
    public required string Tree { get; init; }
    public required int Version { get; init; }
    /// <summary>The run that applied what drifted (the tree's last run).</summary>
    public required string RunId { get; init; }
    public required string HostedZoneId { get; init; }
    /// <summary>The tree's record name, then every other name a drifted item is at.</summary>
    public required IReadOnlyList<string> RecordNames { get; init; }
    /// <summary>
    /// The tree's hosted zone, then every other zone a drifted record is in: a rule matching on a zone finds the drift of a
    /// tree attached there even when the tree's first zone is another. Left out when every drifted record is in the tree's
    /// zone.
    /// </summary>
    public IReadOnlyList<string>? HostedZoneIds { get; init; }
    public required string RecordType { get; init; }
    /// <summary>The stored report in the HTTP API: <c>{api}/trees/{tree}/drift</c>.</summary>
    public required string Link { get; init; }
    public required string Time { get; init; }
    public required int DriftedItems { get; init; }
    /// <summary>How many items of each kind, named as the drift report names them (recordChanged, recordMissing, ...).</summary>
    public required IReadOnlyDictionary<string, int> Kinds { get; init; }
    /// <summary>
    /// What the tree's drift policy did, as the drift report names it (started, blocked, refused, failed), or null (report
    /// only).
    /// </summary>
    public string? RepairStatus { get; init; }
    /// <summary>The repair run, when one started; its success publishes <c>Drift Repaired</c>.</summary>
    public string? RepairRunId { get; init; }
}

/// <summary>
/// The <c>detail</c> of <c>Tree Answer Changed</c>: a health check of the tree changed state and Route 53 now answers the
/// tree's name from other endpoints, for every client or for some locations.
/// </summary>
public sealed record AnswerChangedDetail
{
    public required string EventId { get; init; }
    public required string Tree { get; init; }
    public required int Version { get; init; }
    /// <summary>The run that applied the tree's current version.</summary>
    public required string RunId { get; init; }
    public required string HostedZoneId { get; init; }
    public required IReadOnlyList<string> RecordNames { get; init; }
    public required string RecordType { get; init; }
    /// <summary>The tree's health in the HTTP API: <c>{api}/trees/{tree}/health</c>.</summary>
    public required string Link { get; init; }
    public required string Time { get; init; }
    /// <summary>One sentence for people: who answers now, for whom, and why.</summary>
    public required string Summary { get; init; }
    /// <summary>Who answers now, per client location where that matters (one entry "every client" otherwise).</summary>
    public required IReadOnlyList<LocationAnswer> Answers { get; init; }
    /// <summary>Who answered before the change, in the same shape.</summary>
    public required IReadOnlyList<LocationAnswer> Previous { get; init; }
    /// <summary>The tree's leaves whose health checks are unhealthy now.</summary>
    public required IReadOnlyList<string> UnhealthyNodes { get; init; }
    /// <summary>The health checks whose change of state led here, with their new state.</summary>
    public required IReadOnlyList<HealthCheckChange> Changes { get; init; }
}

/// <summary>Which leaves answer for clients at <see cref="Location"/> ("every client", "region us-east-1", "country DE", ...).</summary>
public sealed record LocationAnswer(string Location, IReadOnlyList<string> Nodes, IReadOnlyList<string> Values);

/// <summary>A health check's new state: HEALTHY or UNHEALTHY.</summary>
public sealed record HealthCheckChange(string HealthCheckId, string? NodeId, string State);
