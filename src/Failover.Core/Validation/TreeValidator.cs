using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>Enforces Route 53's rules and the tree's shape; reports every error and warning at once.</summary>
public static class TreeValidator
{
    public static IReadOnlyList<SpecDiagnostic> Validate(TreeSpec spec) => throw new NotImplementedException();
}
