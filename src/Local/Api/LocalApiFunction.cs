using Failover.Api;
using Failover.Composition;
using Failover.Service.Drift;
using Failover.Functions.Handlers.Api;
using Failover.Functions.Hosting;
using Failover.Local.Lambda;

namespace Failover.Local.Api;

/// <summary>
/// The deployable binary's <c>Api</c> handler served from the stack's function registry, with the services the
/// deployed function gets from its environment: the progress table, Route 53 and Step Functions through the edge (so
/// Route 53 calls meet the realism layer), the provisioning state machine start-up made, the stack's own hosted zones
/// as the allow-list, and the drift check the scheduled worker runs.
/// </summary>
public static class LocalApiFunction
{
    /// <param name="settings">The composition root's settings for the stack, with the resources start-up made.</param>
    public static void Register(
        FunctionRegistry functions, FailoverSettings settings, Func<TreeDriftCheck>? drift, HostingOptions hosting, TimeProvider clock)
    {
        var service = new Lazy<ApiService>(
            () => Build(settings with { Time = clock }, drift), LazyThreadSafetyMode.ExecutionAndPublication);
        var table = new HandlerTableBuilder().AddApi(() => service.Value).Build(clock, hosting);
        functions.Register(table, [ApiHandler.Name]);
    }

    private static ApiService Build(FailoverSettings settings, Func<TreeDriftCheck>? drift)
    {
        if (settings.StateMachineArn is null)
            throw new InvalidOperationException($"the local stack has no '{Failover.Aws.StepFunctions.StateMachineLocator.DefaultName}' " +
                "state machine for the API's runs");
        // The dashboard as the deployed binary serves it: the files built into the Functions assembly.
        return new ApiService(FailoverServices.Create(settings).Api(drift?.Invoke()) with { Dashboard = EmbeddedDashboardFiles.Instance });
    }
}
