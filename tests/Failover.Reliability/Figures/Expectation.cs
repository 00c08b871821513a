namespace Failover.Reliability.Figures;

/// <summary>What a figure must be for the suite to pass.</summary>
public enum Expectation
{
    /// <summary>Reported for context (cases tried, runs made); never fails the suite.</summary>
    Info,
    /// <summary>Anything else is a defect: duplicates, orphans, 5xx answers, calls made for invalid specs, zone diffs.</summary>
    Zero,
    /// <summary>Proof the scenario did what it claims (faults were injected, crashes happened): zero means it tested nothing.</summary>
    AboveZero,
}
