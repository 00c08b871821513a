using Failover.Aws.Clients;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;
using Failover.Functions;
using Failover.Local.Aws;

namespace Failover.Local.Lambda;

/// <summary>
/// What the service's functions use when the local stack runs them in-process: every AWS call goes to the edge (so
/// Route 53 calls pass the realism layer, as the deployed functions' calls meet the real Route 53), with the local
/// account's credentials.
/// </summary>
public sealed class LocalFunctionServices(Uri edge, WorkflowOptions workflow) : IFunctionServices
{
    private WorkflowServices? _workflow;

    public TimeProvider Time => TimeProvider.System;

    public WorkflowServices Workflow => _workflow ??= new WorkflowServices(
        new Route53Client(new Route53ClientOptions { Endpoint = edge }, credentials: LocalAccount.Credentials),
        new ProgressStore(DynamoDbClientFactory.Create(edge, LocalAccount.Region, LocalAccount.Credentials), workflow.TableName,
            TimeProvider.System),
        TimeProvider.System,
        workflow);
}
