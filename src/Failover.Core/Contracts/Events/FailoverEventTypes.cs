namespace Failover.Core.Contracts.Events;

/// <summary>
/// The events the service publishes on EventBridge: all with <c>source: "failover"</c> on the default bus, told apart by
/// their <c>detail-type</c>. Each has a JSON Schema in docs/events/ (file name: the detail type in kebab case).
/// </summary>
public static class FailoverEventTypes
{
    public const string Source = "failover";

    public const string RunStarted = "Run Started";
    public const string RunSucceeded = "Run Succeeded";
    public const string RunFailed = "Run Failed";
    public const string RunRolledBack = "Run Rolled Back";
    public const string DriftDetected = "Drift Detected";
    public const string DriftRepaired = "Drift Repaired";
    public const string TreeAnswerChanged = "Tree Answer Changed";

    public static IReadOnlyList<string> All { get; } =
        [RunStarted, RunSucceeded, RunFailed, RunRolledBack, DriftDetected, DriftRepaired, TreeAnswerChanged];

    /// <summary>The schema's file name in docs/events/: <c>run-rolled-back.schema.json</c>.</summary>
    public static string SchemaFileName(string detailType) =>
        detailType.ToLowerInvariant().Replace(' ', '-') + ".schema.json";
}
