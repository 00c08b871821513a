namespace Failover.Core.Planning;

/// <summary>What a plan does, counted per record set (by name, type and set identifier) and per health check.</summary>
/// <param name="RecordsCreated">Record sets that do not exist yet.</param>
/// <param name="RecordsUpdated">Existing owned record sets that are changed (UPSERT, or deleted and re-created in one batch).</param>
/// <param name="RecordsDeleted">Existing owned record sets that go away.</param>
/// <param name="ExistingRecords">Owned record sets present in the zone before the plan runs.</param>
public sealed record PlanSummary(
    int RecordsCreated,
    int RecordsUpdated,
    int RecordsDeleted,
    int HealthChecksCreated,
    int HealthChecksDeleted,
    int ExistingRecords)
{
    public static PlanSummary Empty { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Existing record sets the plan deletes or replaces: what the change-size guard weighs.</summary>
    public int ExistingRecordsDeletedOrReplaced => RecordsUpdated + RecordsDeleted;

    /// <summary>CIDR collections the plan creates, changes or deletes.</summary>
    public int CidrCollectionsChanged { get; init; }

    public override string ToString() =>
        $"{RecordsCreated} to create, {RecordsUpdated} to update, {RecordsDeleted} to delete; " +
        $"health checks: {HealthChecksCreated} to create, {HealthChecksDeleted} to delete" +
        (CidrCollectionsChanged > 0 ? $"; CIDR collections: {CidrCollectionsChanged} to change" : "");
}
