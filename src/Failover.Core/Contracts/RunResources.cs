using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>The Run schema: a run with its nodes, and the counts of nodes by status (what a progress bar needs).</summary>
public sealed record RunResource
{
    public required string RunId { get; init; }
    public required string Tree { get; init; }
    public int Version { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public string? ExecutionArn { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public string? FinishedAt { get; init; }
    /// <summary>Every node status, in the order of the lifecycle, with how many nodes have it.</summary>
    public required IReadOnlyDictionary<string, int> NodeCounts { get; init; }
    public required IReadOnlyList<NodeResource> Nodes { get; init; }
    public IReadOnlyDictionary<string, string>? Links { get; init; }
}

/// <summary>The RunSummary schema: a run as <c>GET /trees/{name}/runs</c> lists it, without its nodes.</summary>
public sealed record RunSummaryResource
{
    public required string RunId { get; init; }
    public int Version { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public string? FinishedAt { get; init; }
}

/// <summary>The RunList schema: one page of a tree's runs, newest first.</summary>
public sealed record RunListResource(string Tree, IReadOnlyList<RunSummaryResource> Runs, string? NextPageToken);

/// <summary>The Node schema: one node's progress within a run.</summary>
public sealed record NodeResource
{
    public required string NodeId { get; init; }
    public string? Layer { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyList<RecordKeyDocument> Records { get; init; }
    public string? HealthCheckId { get; init; }
    public string? ChangeId { get; init; }
    public string? Error { get; init; }
    public string? StartedAt { get; init; }
    public string? FinishedAt { get; init; }
}

/// <summary>The RunAccepted schema: the 202 every run-starting route answers.</summary>
public sealed record RunAcceptedResource
{
    public required string RunId { get; init; }
    public required string Tree { get; init; }
    public int Version { get; init; }
    public required string Kind { get; init; }
    public required string Status { get; init; }
    public required IReadOnlyDictionary<string, string> Links { get; init; }
    public IReadOnlyList<FieldErrorDocument>? Warnings { get; init; }
}

/// <summary>The DriftReport schema: a stored drift report (its <see cref="Report"/> exactly as stored) and when it was made.</summary>
public sealed record DriftResource(string Tree, string CheckedAt, int DriftedItems, RawJson Report);
