using Failover.Functions.Handlers;
using Failover.Functions.Handlers.Api;
using Failover.Functions.Handlers.Drift;
using Failover.Functions.Handlers.Health;
using Failover.Functions.Hosting;

namespace Failover.Functions;

/// <summary>
/// Every handler the deployable binary serves, in one place: the template's <c>Handler</c> values, the local stack's
/// functions and <c>bootstrap --list-handlers</c> all come from here.
/// </summary>
public static class FunctionCatalog
{
    public static HandlerTable Build(IFunctionServices services, HostingOptions? hosting = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new HandlerTableBuilder()
            .AddBuiltIns()
            .AddWorkflow(() => services.Workflow)
            .AddDrift(() => services.Drift)
            .AddApi(() => services.Api)
            .AddAnswerWatcher(() => services.Answers)
            .Build(services.Time, hosting);
    }
}
