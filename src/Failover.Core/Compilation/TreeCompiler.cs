using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>Turns a valid tree into the record sets and health checks Route 53 should hold.</summary>
public static class TreeCompiler
{
    public static CompiledTree Compile(TreeSpec spec) => throw new NotImplementedException();
}
