using System.Collections.Concurrent;
using Failover.Functions.Hosting;

namespace Failover.Local.Lambda;

/// <summary>A function body: the raw event in, the raw response out (what the Lambda runtime hands a handler).</summary>
public delegate Task<ReadOnlyMemory<byte>> FunctionHandler(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

/// <summary>
/// The functions the local stack serves, by name. An exception escaping a handler becomes an Unhandled function
/// error named after the exception type, as the .NET managed runtime reports it, so Step Functions' Retry and Catch
/// see what they would see in AWS.
/// </summary>
public sealed class FunctionRegistry : ILambdaInvoker
{
    private readonly ConcurrentDictionary<string, FunctionHandler> _handlers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _handlers.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool Contains(string functionName) => _handlers.ContainsKey(functionName);

    /// <summary>Adds or replaces a function.</summary>
    public FunctionRegistry Register(string functionName, FunctionHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[functionName] = handler;
        return this;
    }

    /// <summary>
    /// Serves handlers of the deployable binary's table (src/Functions) — all, or those named — in-process: a failure
    /// keeps the error type the handler chose, as the Lambda runtime loop reports it.
    /// </summary>
    public FunctionRegistry Register(HandlerTable table, IEnumerable<string>? names = null)
    {
        foreach (var name in names ?? table.Names)
            Register(name, async (payload, cancellationToken) =>
            {
                var outcome = await table.InvokeAsync(name, payload, cancellationToken);
                return outcome.Error is { } error ? throw new FunctionFailedException(error.Type, error.Message) : outcome.Payload;
            });
        return this;
    }

    /// <summary>Adds a handler written against streams, the shape of the deployed binary's entry points.</summary>
    public FunctionRegistry RegisterStream(string functionName, Func<Stream, CancellationToken, Task<Stream>> handler) =>
        Register(functionName, async (payload, cancellationToken) =>
        {
            await using var output = await handler(new MemoryStream(payload.ToArray(), writable: false), cancellationToken);
            using var buffer = new MemoryStream();
            await output.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        });

    public async Task<LambdaInvocationResult> InvokeAsync(string functionName, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken)
    {
        if (!_handlers.TryGetValue(functionName, out var handler)) throw new LambdaFunctionNotFoundException(functionName);
        try
        {
            return LambdaInvocationResult.Success(await handler(payload, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            var type = exception is FunctionFailedException chosen ? chosen.ErrorType : exception.GetType().Name;
            return LambdaInvocationResult.Unhandled(type, exception.Message);
        }
    }
}
