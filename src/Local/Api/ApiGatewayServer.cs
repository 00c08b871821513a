using System.Text.Json;
using Failover.Functions.Handlers.Api;
using Failover.Local.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Failover.Service.Logging;

namespace Failover.Local.Api;

/// <summary>
/// An API Gateway HTTP API on loopback (default http://127.0.0.1:3000) with one <c>$default</c> route integrated with
/// the <c>Api</c> function: each request becomes the payload format 2.0 event, the function runs in-process through
/// the stack's function registry, and its response becomes the HTTP response. As in API Gateway, a failed
/// invocation answers 500 <c>{"message":"Internal Server Error"}</c> and a body over 10 MB answers 413. IAM
/// authorisation is off by default (every request is let through unsigned); with a <see cref="SignatureCheck"/>
/// (<c>--require-signature</c>) a request must be SigV4-signed for execute-api by the local stack's identity, else 403.
/// </summary>
public sealed class ApiGatewayServer : IAsyncDisposable
{
    public const int DefaultPort = 3000;

    /// <summary>The function the <c>$default</c> route invokes.</summary>
    public const string FunctionName = ApiHandler.Name;

    // HTTP API's payload quota.
    private const int MaxBodyBytes = 10 * 1024 * 1024;

    private readonly WebApplication _app;

    private ApiGatewayServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="port">A loopback port (the local stack picks a free one for tests).</param>
    /// <param name="signatures">Null lets unsigned requests through; else each request must pass it.</param>
    public static async Task<ApiGatewayServer> StartAsync(
        int port, ILambdaInvoker functions, TimeProvider time, StructuredLogger? log, CancellationToken cancellationToken,
        SignatureCheck? signatures = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(System.Net.IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.Run(context => HandleAsync(context, functions, time, log, signatures));
        await app.StartAsync(cancellationToken);
        return new ApiGatewayServer(app, new Uri($"http://127.0.0.1:{port}"));
    }

    private static async Task HandleAsync(
        HttpContext context, ILambdaInvoker functions, TimeProvider time, StructuredLogger? log, SignatureCheck? signatures)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await WriteMessageAsync(context.Response, 413, "Request Entity Too Large");
            return;
        }
        // API Gateway authorises before it invokes anything: a refused request never reaches the function.
        if (signatures is not null && await signatures.RefusalAsync(context.Request, body.Value, context.RequestAborted) is { } refusal)
        {
            await WriteMessageAsync(context.Response, 403, refusal);
            return;
        }

        var @event = HttpApiEventBuilder.Build(context.Request, body.Value, time.GetUtcNow());
        var payload = JsonSerializer.SerializeToUtf8Bytes(@event, HttpApiJsonContext.Default.HttpApiEvent);
        LambdaInvocationResult result;
        try
        {
            result = await functions.InvokeAsync(FunctionName, payload, context.RequestAborted);
        }
        catch (LambdaFunctionNotFoundException missing)
        {
            log?.Warn($"API {@event.RequestContext.RequestId}: {missing.Message}");
            await WriteMessageAsync(context.Response, 500, "Internal Server Error");
            return;
        }
        if (result.Failed)
        {
            log?.Warn($"API {@event.RequestContext.RequestId}: the {FunctionName} function failed: " +
                $"{System.Text.Encoding.UTF8.GetString(result.Payload.Span)}");
            await WriteMessageAsync(context.Response, 500, "Internal Server Error");
            return;
        }
        await HttpApiResponseWriter.WriteAsync(context.Response, result.Payload, log);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    internal static async Task WriteMessageAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var text = System.Text.Json.JsonEncodedText.Encode(message, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        await response.WriteAsync($$"""{"message":"{{text}}"}""");
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(patience.Token);
        await _app.DisposeAsync();
    }
}
