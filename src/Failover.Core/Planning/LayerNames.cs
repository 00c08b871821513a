namespace Failover.Core.Planning;

/// <summary>The names layers carry in plans, logs and the workflow's progress.</summary>
public static class LayerNames
{
    public const string HealthChecks = "health-checks";
    public const string LeafRecords = "leaf-records";
    public const string DeleteLeafRecords = "delete-leaf-records";
    public const string HealthCheckCleanup = "health-check-cleanup";
    public const string HealthCheckAlarms = "health-check-alarms";
    public const string CidrCollections = "cidr-collections";
    public const string CidrCollectionCleanup = "cidr-collection-cleanup";

    /// <summary>
    /// <c>health-checks</c> for checks of endpoints, alarms and routing controls and for CALCULATED checks whose
    /// children exist already; <c>health-checks-k</c> for CALCULATED checks over children made in layer k − 1.
    /// </summary>
    public static string ForHealthChecks(int depth) => depth == 0 ? HealthChecks : $"{HealthChecks}-{depth + 1}";

    /// <summary><c>leaf-records</c> for level 0, <c>alias-level-k</c> above.</summary>
    public static string ForCreates(int level) => level == 0 ? LeafRecords : $"alias-level-{level}";

    /// <summary><c>delete-leaf-records</c> for level 0, <c>delete-alias-level-k</c> above.</summary>
    public static string ForDeletes(int level) => level == 0 ? DeleteLeafRecords : $"delete-alias-level-{level}";
}
