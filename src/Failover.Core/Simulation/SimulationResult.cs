using Failover.Core.Diagnostics;

namespace Failover.Core.Simulation;

/// <summary>
/// One leaf that can answer the query. <paramref name="Values"/> are the record values (an alias leaf answers with its
/// DNS name); <paramref name="Probability"/> is the share of queries this leaf answers.
/// </summary>
/// <remarks>
/// Under a multivalue rule Route 53 returns several records in one response; each of the k records returned gets
/// probability 1/k, read as "the chance a client uses this one, picking uniformly from the response".
/// </remarks>
public sealed record SimulatedAnswer(string NodeId, IReadOnlyList<string> Values, double Probability)
{
    /// <summary>The Route 53 rule behind each step from the root to this leaf, with the page that documents it.</summary>
    public IReadOnlyList<string> DecidedBy { get; init; } = [];

    /// <summary>Whether a step is one no Route 53 page covers (the simulator's assumption, named in <see cref="DecidedBy"/>).</summary>
    public bool Undocumented { get; init; }
}

/// <summary>
/// The outcome of a simulation: the answers (probabilities summing to 1, less <see cref="NoAnswerProbability"/>),
/// notes explaining each decision that is not obvious, and problems with the query itself.
/// </summary>
public sealed record SimulationResult(
    IReadOnlyList<SimulatedAnswer> Answers,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SpecDiagnostic> Diagnostics,
    double NoAnswerProbability = 0)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
