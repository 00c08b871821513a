using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>Answers "if these endpoints fail, who answers?" the way Route 53 evaluates the records.</summary>
public static class Simulator
{
}
