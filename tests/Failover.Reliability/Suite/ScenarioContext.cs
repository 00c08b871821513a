using Failover.Reliability.Stack;

namespace Failover.Reliability.Suite;

/// <summary>What a scenario runs with: the stack, its own seed, the scale, and where progress lines go.</summary>
public sealed record ScenarioContext(ReliabilityStack Stack, int Seed, Scale Scale, TextWriter Log)
{
    /// <summary>The count for this scale.</summary>
    public int Pick(int smoke, int full) => Scale == Scale.Full ? full : smoke;

    public void Say(string scenario, string line)
    {
        lock (Log) Log.WriteLine($"[{scenario}] {line}");
    }
}
