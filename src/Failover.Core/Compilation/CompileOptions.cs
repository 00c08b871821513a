namespace Failover.Core.Compilation;

/// <summary>How a tree is compiled beyond what the spec says.</summary>
public sealed record CompileOptions
{
    public static CompileOptions Default { get; } = new();

    /// <summary>
    /// Mixed into every health check CallerReference. Route 53 refuses, for some days, a reference whose check was
    /// deleted; a run that must re-create such a config (a rollback after cleanup) passes something unique per run.
    /// </summary>
    public string? CallerReferenceSalt { get; init; }
}
