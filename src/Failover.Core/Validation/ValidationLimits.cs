namespace Failover.Core.Validation;

/// <summary>
/// How big a spec may be. The defaults keep a tree within what one apply can reasonably change and what the Lambda
/// functions read comfortably; benchmarks raise them to measure large trees. These are limits of the door: they are
/// checked once, on what the user sent (the API's POST /trees, the CLI), and never again on a version the service
/// stored, whose text is the service's own and may be larger than what was sent (<see cref="StoredVersion"/>).
/// </summary>
public sealed record ValidationLimits
{
    public static readonly ValidationLimits Default = new();

    /// <summary>
    /// For reading back a version the service stored after it passed the door: no size or node limit (a spec accepted
    /// must stay applicable, whatever its stored form weighs), and a depth bound far above the door's that only keeps
    /// the readers' recursion bounded.
    /// </summary>
    public static readonly ValidationLimits StoredVersion = new() { MaxNodes = int.MaxValue, MaxDepth = 256, MaxSpecBytes = int.MaxValue };

    /// <summary>Most nodes (rules and leaves) in one tree.</summary>
    public int MaxNodes { get; init; } = 10_000;
    /// <summary>Most levels from the root to the deepest leaf (the root alone is depth 1).</summary>
    public int MaxDepth { get; init; } = 16;
    /// <summary>Largest spec text, in UTF-8 bytes.</summary>
    public int MaxSpecBytes { get; init; } = 256 * 1024;

    /// <summary>How deep the JSON/YAML may nest: a tree level takes two (node and children), leaves add a few.</summary>
    public int MaxNesting => Math.Max(64, 2 * MaxDepth + 8);
}
