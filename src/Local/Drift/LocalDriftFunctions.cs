using Failover.Service.Drift;
using Failover.Functions.Handlers.Drift;
using Failover.Functions.Hosting;
using Failover.Local.Lambda;

namespace Failover.Local.Drift;

/// <summary>
/// Serves the deployable binary's <c>DriftScheduler</c> and <c>DriftWorker</c> handlers from the stack's function
/// registry: the same handler code, hosted as Lambda hosts it (a context, a deadline, errors as function errors).
/// </summary>
public static class LocalDriftFunctions
{
    /// <param name="hosting">Where the handlers log; null: Lambda's default, standard output.</param>
    public static void Register(FunctionRegistry functions, Func<DriftServices> services, TimeProvider clock,
        HostingOptions? hosting = null)
    {
        var table = new HandlerTableBuilder().AddDrift(services).Build(clock, hosting);
        foreach (var name in new[] { DriftHandlers.SchedulerName, DriftHandlers.WorkerName })
            functions.Register(name, async (payload, cancellationToken) =>
            {
                var outcome = await table.InvokeAsync(name, payload, cancellationToken);
                return outcome.Error is { } error ? throw new LocalFunctionFailedException(error.Type, error.Message) : outcome.Payload;
            });
    }
}

/// <summary>A hosted handler's function error, carried through the registry (which reports an exception's message).</summary>
public sealed class LocalFunctionFailedException(string errorType, string message) : Exception($"{errorType}: {message}")
{
    public string ErrorType { get; } = errorType;
}
