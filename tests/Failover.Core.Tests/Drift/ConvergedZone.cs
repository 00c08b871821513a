using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Drift;

/// <summary>
/// A zone the tree was applied to (through the planner, into <see cref="InMemoryZone"/>), as the drift detector sees
/// it, with ways to change it out of band the way someone with the console would.
/// </summary>
internal sealed class ConvergedZone
{
    public ConvergedZone(TreeSpec spec, string? salt = null)
    {
        // The zone is made with the given salt (a workflow run) and compared without one, as the drift check does.
        var applied = TreeCompiler.Compile(spec, new CompileOptions { CallerReferenceSalt = salt });
        var zone = new InMemoryZone(spec.Name, spec.HostedZoneId);
        zone.Apply(Planner.Plan(applied, zone.State));
        Desired = TreeCompiler.Compile(spec);
        Records = [.. zone.State.Records];
        HealthChecks = [.. zone.State.HealthChecks];
        Owned = [.. zone.State.OwnedRecords];
    }

    public CompiledTree Desired { get; }
    public List<ResourceRecordSet> Records { get; }
    public List<ExistingHealthCheck> HealthChecks { get; }
    public HashSet<RecordKey> Owned { get; }
    /// <summary>Checks in the account that are not the tree's (a leaf may name one by id).</summary>
    public HashSet<string> OtherHealthCheckIds { get; } = [];

    public ResourceRecordSet Record(string nodeId) =>
        Records.Single(r => r.Key == Desired.Records.Single(d => d.NodeId == nodeId).RecordSet.Key);

    public void Replace(string nodeId, Func<ResourceRecordSet, ResourceRecordSet> change)
    {
        var index = Records.IndexOf(Record(nodeId));
        Records[index] = change(Records[index]);
    }

    public void Delete(string nodeId) => Records.Remove(Record(nodeId));

    public ExistingHealthCheck HealthCheckOf(string nodeId) => HealthChecks.Single(h => h.NodeTag == nodeId);

    public Failover.Core.Drift.DriftReport Detect() =>
        Failover.Core.Drift.DriftDetector.Detect(Desired, new ActualState(Records, HealthChecks, Owned),
            HealthChecks.Select(h => h.Id).Concat(OtherHealthCheckIds).ToHashSet());
}
