using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

// The API's resources (docs/openapi.yaml, components/schemas). Statuses are SNAKE_UPPER (ROLLED_BACK, IN_PROGRESS),
// instants UTC with milliseconds (Timestamps), drift policies lower case. Members the document requires are always
// written, null included.

/// <summary>The Tree schema: a tree item as <c>GET /trees</c> lists it.</summary>
public record TreeResource
{
    public required string Name { get; init; }
    public required string HostedZoneId { get; init; }
    public required string RecordName { get; init; }
    public required string RecordType { get; init; }
    /// <summary>report or repair; null: the spec leaves it to the deployment's <c>DefaultDriftPolicy</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? DriftPolicy { get; init; }
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int? CurrentVersion { get; init; }
    public int LatestVersion { get; init; }
    public string? LastRunId { get; init; }
    public string? LastRunStatus { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
}

/// <summary>The TreeDetail schema: <c>GET /trees/{name}</c>, the tree with its last run and last drift check.</summary>
public sealed record TreeDetailResource : TreeResource
{
    public TreeDetailResource()
    {
    }

    [SetsRequiredMembers]
    public TreeDetailResource(TreeResource tree) : base(tree)
    {
    }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public RunResource? LastRun { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public DriftCheckSummary? LastDriftCheck { get; init; }
    public IReadOnlyDictionary<string, string>? Links { get; init; }
}

public sealed record DriftCheckSummary(string CheckedAt, int DriftedItems);

/// <summary>The TreeList schema: one page of trees, by name.</summary>
public sealed record TreeListResource(IReadOnlyList<TreeResource> Trees, string? NextPageToken);

/// <summary>The Version schema: a stored version without its spec.</summary>
public record VersionResource
{
    public int Version { get; init; }
    public bool Current { get; init; }
    public required string HostedZoneId { get; init; }
    public required string RecordName { get; init; }
    public required string RecordType { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? DriftPolicy { get; init; }
    public required string Sha256 { get; init; }
    public required string CreatedAt { get; init; }
}

/// <summary>The VersionWithSpec schema: one stored version and its spec, exactly as stored (the canonical JSON).</summary>
public sealed record VersionWithSpecResource : VersionResource
{
    public VersionWithSpecResource()
    {
    }

    [SetsRequiredMembers]
    public VersionWithSpecResource(string tree, VersionResource version) : base(version)
    {
        Tree = tree;
    }

    [JsonPropertyOrder(-1)] public required string Tree { get; init; }
    [JsonPropertyOrder(1)] public RawJson Spec { get; init; }
}

/// <summary>The VersionList schema: the tree's stored versions, newest first.</summary>
public sealed record VersionListResource(
    string Tree,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? CurrentVersion,
    IReadOnlyList<VersionResource> Versions);

/// <summary>
/// The ImportedSpec schema: <c>POST /imports/traffic-policy</c>, a Traffic Flow policy document turned into a tree spec
/// (stored nowhere: the caller reviews it and posts it to <c>/trees</c>), with what the import noticed.
/// </summary>
public sealed record ImportedSpecResource(RawJson Spec)
{
    public IReadOnlyList<FieldErrorDocument>? Warnings { get; init; }
}
