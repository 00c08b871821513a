using System.Collections.Frozen;
using Failover.Service.Logging;

namespace Failover.Functions.Hosting;

/// <summary>
/// Every handler of the deployable binary, by name. The Lambda runtime loop resolves <c>_HANDLER</c> here once at
/// start-up; the local stack invokes the same table in-process behind its Lambda Invoke API.
/// </summary>
public sealed class HandlerTable
{
    private readonly FrozenDictionary<string, LambdaHandler> _handlers;
    private readonly InvocationLog _invocationLog;

    internal HandlerTable(IReadOnlyDictionary<string, LambdaHandler> handlers, TimeProvider time, HostingOptions hosting)
    {
        ArgumentNullException.ThrowIfNull(time);
        _handlers = handlers.ToFrozenDictionary(StringComparer.Ordinal);
        Names = [.. _handlers.Keys.Order(StringComparer.Ordinal)];
        Time = time;
        Hosting = hosting;
        Log = new StructuredLogger(hosting.Log, time, hosting.Service);
        _invocationLog = new InvocationLog(Log);
    }

    /// <summary>The handler names, in ordinal order.</summary>
    public IReadOnlyList<string> Names { get; }

    public TimeProvider Time { get; }

    public HostingOptions Hosting { get; }

    /// <summary>The process's logger, for lines outside any invocation (start-up).</summary>
    public StructuredLogger Log { get; }

    public bool Contains(string handlerName) => _handlers.ContainsKey(handlerName);

    /// <summary>The handler called <paramref name="handlerName"/>; throws <see cref="UnknownHandlerException"/> listing the known
    /// names.</summary>
    public LambdaHandler Resolve(string handlerName) =>
        handlerName is not null && _handlers.TryGetValue(handlerName, out var handler)
            ? handler
            : throw new UnknownHandlerException(handlerName ?? "", Names);

    /// <summary>A context whose logger stamps every line with the invocation's fields (<see cref="InvocationLog"/>).</summary>
    public LambdaContext CreateContext(string handlerName, string requestId, DateTimeOffset deadline, string invokedFunctionArn,
        string? traceId) =>
        new(handlerName, requestId, deadline, invokedFunctionArn, traceId, Time,
            _invocationLog.For(handlerName, requestId, traceId));

    /// <summary>
    /// Runs a handler in-process, as Lambda would: a fresh request id, a deadline <see cref="HostingOptions.InProcessTimeout"/>
    /// away, and an exception turned into a <see cref="FunctionError"/>. Throws <see cref="UnknownHandlerException"/> for
    /// an unknown name, and <see cref="OperationCanceledException"/> only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(string handlerName, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var handler = Resolve(handlerName);
        var context = CreateContext(
            handlerName, Guid.NewGuid().ToString(), Time.GetUtcNow() + Hosting.InProcessTimeout,
                Hosting.FunctionArnFor(handlerName), traceId: null);

        using var input = new MemoryStream(payload.ToArray(), writable: false);
        var result = await HandlerInvocation.RunAsync(handler, input, context, Hosting.DeadlineMargin, cancellationToken);
        if (result.Error is { } error) return InvocationOutcome.Failure(error);

        await using var output = result.Output!;
        using var bytes = new MemoryStream();
        await output.CopyToAsync(bytes, cancellationToken);
        return InvocationOutcome.Success(bytes.ToArray());
    }
}
