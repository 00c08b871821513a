using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// The AdoptionRequest schema: the body of <c>POST /adoptions</c>, what <c>failover adopt --api</c> sends. The zone and the
/// record name are required; the tree's name defaults to the record name's first label, the type to the only one there.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AdoptionRequestDocument
{
    public string? HostedZoneId { get; init; }
    public string? RecordName { get; init; }
    public string? RecordType { get; init; }
    public string? Tree { get; init; }
}

/// <summary>
/// The Adoption schema: <c>POST /adoptions</c> as a dry run — the tree the zone holds at the name as a spec, the record
/// sets and health checks it takes over, and the plan of applying it now (empty, with its claims, when nothing changed).
/// </summary>
public sealed record AdoptionResource
{
    public bool DryRun { get; init; } = true;
    public required string Tree { get; init; }
    public required RawJson Spec { get; init; }
    public required IReadOnlyList<RecordKeyDocument> Records { get; init; }
    /// <summary>The ids of the existing health checks the spec takes over (by settings or by id).</summary>
    public required IReadOnlyList<string> HealthChecks { get; init; }
    public required PlanDocument Plan { get; init; }
    public IReadOnlyList<FieldErrorDocument>? Warnings { get; init; }
}
