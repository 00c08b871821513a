using Failover.Store;
using Failover.Aws.Route53;

namespace Failover.Service.Workflow;

/// <summary>What every step of the workflow works with; built once per process by the function host (or a test).</summary>
public sealed record WorkflowServices(Route53Client Route53, ProgressStore Store, TimeProvider Time, WorkflowOptions Options);
