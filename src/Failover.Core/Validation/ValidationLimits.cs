namespace Failover.Core.Validation;

/// <summary>
/// How big a spec may be. The defaults keep a tree within what one apply can reasonably change and what the Lambda
/// functions read comfortably; benchmarks raise them to measure large trees.
/// </summary>
public sealed record ValidationLimits
{
    public static readonly ValidationLimits Default = new();

    /// <summary>Most nodes (rules and leaves) in one tree.</summary>
    public int MaxNodes { get; init; } = 10_000;
    /// <summary>Most levels from the root to the deepest leaf (the root alone is depth 1).</summary>
    public int MaxDepth { get; init; } = 16;
    /// <summary>Largest spec text, in UTF-8 bytes.</summary>
    public int MaxSpecBytes { get; init; } = 256 * 1024;

    /// <summary>How deep the JSON/YAML may nest: a tree level takes two (node and children), leaves add a few.</summary>
    public int MaxNesting => Math.Max(64, 2 * MaxDepth + 8);
}
