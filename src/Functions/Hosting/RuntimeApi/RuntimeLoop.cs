using System.Net;

namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>
/// The custom runtime's event loop: fetch the next invocation, run the one handler this function was deployed with,
/// post its response or error, repeat. The client, the table and the handler stay alive for the sandbox's lifetime.
/// </summary>
public sealed class RuntimeLoop
{
    /// <summary>The variable Lambda's X-Ray integration reads for the current invocation's trace header.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private readonly RuntimeApiClient _client;
    private readonly HandlerTable _table;
    private readonly string _handlerName;
    private readonly LambdaHandler _handler;

    public RuntimeLoop(RuntimeApiClient client, HandlerTable table, string handlerName)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(table);
        _client = client;
        _table = table;
        _handlerName = handlerName;
        _handler = table.Resolve(handlerName);
    }

    /// <summary>Runs until <paramref name="stop"/> fires; a broken Runtime API ends it with <see cref="RuntimeApiException"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var invocation = await _client.NextAsync(stop);
                await HandleAsync(invocation, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping is the host's decision (tests, an in-process host); Lambda itself never stops the loop.
        }
    }

    private async Task HandleAsync(RuntimeInvocation invocation, CancellationToken stop)
    {
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        var context =
            _table.CreateContext(_handlerName, invocation.RequestId, invocation.Deadline, invocation.InvokedFunctionArn,
            invocation.TraceId);

        using var input = new MemoryStream(invocation.Payload.ToArray(), writable: false);
        var result = await HandlerInvocation.RunAsync(_handler, input, context, _table.Hosting.DeadlineMargin, stop);
        if (result.Error is { } error)
        {
            await PostErrorAsync(context, error, stop);
            return;
        }

        await using var output = result.Output!;
        var status = await _client.PostResponseAsync(invocation.RequestId, output, stop);
        if (status == HttpStatusCode.RequestEntityTooLarge)
        {
            // Lambda refuses responses over its payload quota (6 MB); the caller gets an error rather than nothing.
            await PostErrorAsync(context, new FunctionError("ResponseTooLarge",
                $"Handler '{_handlerName}' returned a response larger than Lambda accepts."), stop);
        }
        else if (status != HttpStatusCode.Accepted)
        {
            context.Logger.Error("The Runtime API did not accept the response.", null, ("status", (int)status));
        }
    }

    private async Task PostErrorAsync(LambdaContext context, FunctionError error, CancellationToken stop)
    {
        var status = await _client.PostErrorAsync(context.RequestId, error, stop);
        if (status != HttpStatusCode.Accepted)
            context.Logger.Error("The Runtime API did not accept the error report.", null, ("status", (int)status));
    }
}
