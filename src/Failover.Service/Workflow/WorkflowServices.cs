using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Workflow;

/// <summary>What every step of the workflow works with; built once per process by the function host (or a test).</summary>
public sealed record WorkflowServices(IRoute53 Route53, IProgressStore Store, TimeProvider Time, WorkflowOptions Options);
