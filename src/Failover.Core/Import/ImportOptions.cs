using Failover.Core.Diagnostics;
using Failover.Core.Spec;

namespace Failover.Core.Import;

/// <summary>What a traffic policy document does not say: the tree's name and where it answers.</summary>
public sealed record ImportOptions(string Name, string HostedZoneId, string ZoneName, string RecordName);

/// <summary>The imported tree (null when any error was found) and every problem, each with its JSON path in the policy document.</summary>
public sealed record ImportResult(TreeSpec? Spec, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool HasErrors => Spec is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}
