using Failover.Composition;
using Failover.Functions;
using Failover.Service.Workflow;

namespace Failover.Local.Lambda;

/// <summary>
/// What the service's functions use when the local stack runs them in-process: the one composition root, with
/// settings that send every AWS call to the edge (so Route 53 calls pass the realism layer, as the deployed functions'
/// calls meet the real Route 53) with the local account's credentials.
/// </summary>
public sealed class LocalFunctionServices(FailoverSettings settings) : IFunctionServices
{
    private readonly Lazy<WorkflowServices> _workflow = new(() => FailoverServices.Create(settings).Workflow());

    public TimeProvider Time => settings.Time;

    public WorkflowServices Workflow => _workflow.Value;
}
