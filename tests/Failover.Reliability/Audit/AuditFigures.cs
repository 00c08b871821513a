using Failover.Reliability.Figures;

namespace Failover.Reliability.Audit;

/// <summary>The figures every scenario that applies trees reports, and how an audit adds to them.</summary>
public static class AuditFigures
{
    public const string NotConverged = "runs not converged";
    public const string Duplicates = "duplicate health checks";
    public const string OrphanRecords = "orphan records";
    public const string OrphanChecks = "orphan health checks";

    public static ScenarioResult DeclareAudit(this ScenarioResult result) => result
        .Declare(NotConverged, Expectation.Zero)
        .Declare(Duplicates, Expectation.Zero)
        .Declare(OrphanRecords, Expectation.Zero)
        .Declare(OrphanChecks, Expectation.Zero);

    /// <summary>Counts what the audit found; <paramref name="what"/> names the case in the notes.</summary>
    public static void Record(this ScenarioResult result, TreeAuditResult audit, string what)
    {
        if (!audit.Converged) result.Defect(NotConverged, $"{what}: {string.Join("; ", audit.Differences.Take(4))}");
        if (audit.DuplicateHealthChecks.Count > 0) result.Defect(
            Duplicates, $"{what}: {string.Join("; ", audit.DuplicateHealthChecks.Take(4))}", audit.DuplicateHealthChecks.Count);
        if (audit.OrphanRecords.Count > 0) result.Defect(OrphanRecords, $"{what}: {string.Join("; ", audit.OrphanRecords.Take(4))}",
            audit.OrphanRecords.Count);
        if (audit.OrphanHealthChecks.Count > 0) result.Defect(
            OrphanChecks, $"{what}: {string.Join("; ", audit.OrphanHealthChecks.Take(4))}", audit.OrphanHealthChecks.Count);
    }
}
