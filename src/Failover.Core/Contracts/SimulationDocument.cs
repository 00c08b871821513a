using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

/// <summary>
/// A simulation's answers — what <c>failover simulate --json</c> prints and <c>POST /trees/{name}/simulate</c>
/// answers (with the tree, the version and the query's warnings). <see cref="NoAnswerProbability"/> appears when some
/// queries get no answer, <see cref="Notes"/> when there are any.
/// </summary>
public sealed record SimulationDocument
{
    [JsonPropertyOrder(-2)] public string? Tree { get; init; }
    [JsonPropertyOrder(-1)] public int? Version { get; init; }

    /// <summary>True when the answers are for a draft spec sent with the query, not a stored version.</summary>
    [JsonPropertyOrder(-1)] public bool? Draft { get; init; }
    public required IReadOnlyList<SimulatedAnswerDocument> Answers { get; init; }
    public double? NoAnswerProbability { get; init; }
    public IReadOnlyList<string>? Notes { get; init; }
    public IReadOnlyList<FieldErrorDocument>? Warnings { get; init; }
}

/// <summary>The body of <c>POST /trees/{name}/simulate</c>: the endpoints to treat as failing, where the resolver is.</summary>
public sealed record SimulationRequestDocument(IReadOnlyList<string> Unhealthy)
{
    public string? Region { get; init; }
    public string? Location { get; init; }
    public string? Coordinates { get; init; }
    public string? ClientIp { get; init; }
    public string? Az { get; init; }
    public string? RecordType { get; init; }
}

/// <summary>
/// One answer; <see cref="DecidedBy"/> names the Route 53 rule behind each step from the root, with its page, and
/// <see cref="Undocumented"/> (written only when true) marks an answer a step of which no Route 53 page covers.
/// </summary>
public sealed record SimulatedAnswerDocument(string NodeId, IReadOnlyList<string> Values, double Probability)
{
    public IReadOnlyList<string> DecidedBy { get; init; } = [];
    public bool? Undocumented { get; init; }
}
