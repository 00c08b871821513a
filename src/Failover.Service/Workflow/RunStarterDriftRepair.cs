using Failover.Service.Drift;
using Failover.Core.Spec;

namespace Failover.Service.Workflow;

/// <summary>The drift check's repair as a workflow run (kind REPAIR) of the tree's current version.</summary>
public sealed class RunStarterDriftRepair(RunStarter starter) : IDriftRepair
{
    public async Task<string> StartAsync(TreeSpec spec, int version, string? checkedLastRunId, CancellationToken cancellationToken)
    {
        try
        {
            return (await starter.RepairAsync(spec.Name, version, checkedLastRunId, cancellationToken).ConfigureAwait(false)).RunId;
        }
        catch (RunRefusedException refused)
        {
            throw new DriftRepairRefusedException(refused.Message, refused);
        }
    }
}
