using Failover.Composition;
using Failover.Aws.Clients;
using Failover.Api;
using Failover.Service.Adapters;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Functions.Handlers.Api;
using Failover.Functions.Hosting;
using Failover.Local.Aws;
using Failover.Local.Lambda;
using Failover.Local.Resources;

namespace Failover.Local.Api;

/// <summary>
/// The deployable binary's <c>Api</c> handler served from the stack's function registry, with the services the
/// deployed function gets from its environment: the progress table, Route 53 and Step Functions through the edge (so
/// Route 53 calls meet the realism layer), the provisioning state machine start-up made, the stack's own hosted zones
/// as the allow-list, and the drift check the scheduled worker runs.
/// </summary>
public static class LocalApiFunction
{
    public static void Register(
        FunctionRegistry functions, Uri edgeUrl, ProvisionedResources resources, WorkflowOptions workflow, Func<TreeDriftCheck>? drift,
        HostingOptions hosting, TimeProvider clock)
    {
        var service =
            new Lazy<ApiService>(() => Build(edgeUrl, resources, workflow, drift, clock), LazyThreadSafetyMode.ExecutionAndPublication);
        var table = new HandlerTableBuilder().AddApi(() => service.Value).Build(clock, hosting);
        functions.Register(table, [ApiHandler.Name]);
    }

    private static ApiService Build(Uri edgeUrl, ProvisionedResources resources, WorkflowOptions workflow, Func<TreeDriftCheck>? drift,
        TimeProvider clock)
    {
        var stateMachine = resources.StateMachines.TryGetValue(StateMachineLocator.DefaultName, out var arn)
            ? arn
            : throw new InvalidOperationException($"the local stack has no '{StateMachineLocator.DefaultName}' state machine for the " +
                $"API's runs");
        var store =
            new ProgressStore(DynamoDbClientFactory.Create(edgeUrl, LocalAccount.Region, LocalAccount.Credentials), resources.ProgressTable,
            clock);
        // The realism layer holds Route 53's request rate; the client's own limiter need not add to it.
        var route53 =
            new Route53Client(new Route53ClientOptions { Endpoint = edgeUrl, RequestsPerSecond = 1000, Burst = 1000 },
            credentials: LocalAccount.Credentials);
        var states =
            new StepFunctionsClient(new StepFunctionsClientOptions { Region = LocalAccount.Region, Endpoint = edgeUrl },
            credentials: LocalAccount.Credentials);
        var runs = new RunStarter(store, states, stateMachine, clock, workflow.LockTtl);
        var options = new ApiOptions { AllowedZones = new ZoneAllowList(resources.HostedZones.Values) };
        // The dashboard as the deployed binary serves it: the files built into the Functions assembly.
        return new ApiService(AwsApiDependencies.Create(store, route53, runs, options, clock, drift?.Invoke()) with
        {
            Dashboard = EmbeddedDashboardFiles.Instance,
        });
    }
}
