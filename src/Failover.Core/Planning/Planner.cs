using Failover.Core.Compilation;

namespace Failover.Core.Planning;

/// <summary>Plan(desired, actual): a pure function from the tree and the zone's state to ordered layers of changes.</summary>
public static class Planner
{
    public static Plan Plan(CompiledTree desired, ActualState actual) => throw new NotImplementedException();
}
