using Failover.Core.Simulation;

namespace Failover.Core.Contracts;

/// <summary>The result as its <see cref="SimulationDocument"/>; probabilities are rounded to 6 digits.</summary>
public static class SimulationJson
{
    private const int Digits = 6;

    public static string Write(SimulationResult result) => WireJson.Write(ToDocument(result));

    public static SimulationDocument ToDocument(SimulationResult result) => new()
    {
        Answers = result.Answers.Select(a => new SimulatedAnswerDocument(a.NodeId, a.Values, Math.Round(a.Probability, Digits))
        {
            DecidedBy = a.DecidedBy,
            Undocumented = a.Undocumented ? true : null,
        }).ToList(),
        NoAnswerProbability = result.NoAnswerProbability > 0 ? Math.Round(result.NoAnswerProbability, Digits) : null,
        Notes = result.Notes.Count > 0 ? result.Notes : null,
    };
}
