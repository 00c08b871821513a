using System.Text.Json;
using Failover.Local.Events;
using Failover.Local.Lambda;
using Failover.Local.Realism;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Failover.Service.Logging;

namespace Failover.Local.Edge;

/// <summary>
/// The AWS edge endpoint on loopback: the Lambda Invoke API for our functions, the <c>/_local</c> control endpoints,
/// the Route 53 realism layer for <c>/2013-04-01/…</c>, and every other request forwarded to moto as it came (or
/// given a DynamoDB or Step Functions fault, <see cref="ServiceFaultLayer"/>).
/// </summary>
public sealed class EdgeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EdgeServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<EdgeServer> StartAsync(
        int port, ILambdaInvoker functions, Route53RealismLayer realismLayer, RealismControl realism, MotoForwarder moto,
        Func<bool> isReady, Action<Utf8JsonWriter> writeHealth, StructuredLogger? log, CancellationToken cancellationToken,
        Action<IEndpointRouteBuilder>? mapMoreRoutes = null, PublishedEvents? events = null,
        Func<string, string?, string?, CancellationToken, Task<string?>>? healthChanged = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // localhost: both 127.0.0.1 and ::1, because moto's Step Functions calls http://localhost:<MOTO_PORT>.
            kestrel.ListenLocalhost(port);
        });
        var app = builder.Build();

        var lambda = new LambdaInvokeEndpoint(functions, log);
        var serviceFaults = new ServiceFaultLayer(realism, moto);
        app.UseRouting();
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is not null)
            {
                await next(context);
                return;
            }
            try
            {
                if (Route53Operation.IsRoute53Path(context.Request.Path.Value ?? "")) await realismLayer.HandleAsync(context);
                else
                {
                    if (events is not null && PublishedEvents.IsPutEvents(context.Request))
                        await events.RecordAsync(context.Request, context.RequestAborted);
                    await serviceFaults.HandleAsync(context);
                }
            }
            catch (HttpRequestException unreachable) when (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync($"The local stack could not reach moto at {moto.MotoUrl}: {unreachable.Message}\n");
            }
            catch (Exception failure) when (failure is not OperationCanceledException && !context.Response.HasStarted)
            {
                // A fault of the stack itself, not of the request: say so instead of an empty 500.
                log?.Error($"{context.Request.Method} {context.Request.Path} failed inside the stack", failure);
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync($"The local stack failed on {context.Request.Method} {context.Request.Path}: " +
                    $"{failure.Message}\n");
            }
        });
        app.MapPost(LambdaInvokeEndpoint.Route, (RequestDelegate)(context =>
            lambda.HandleAsync(context, context.GetRouteValue("functionName") as string ?? "")));
        LocalControlEndpoints.Map(app, realism, isReady, writeHealth, healthChanged);
        mapMoreRoutes?.Invoke(app);
        events?.Map(app);

        await app.StartAsync(cancellationToken);
        return new EdgeServer(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(patience.Token);
        await _app.DisposeAsync();
    }
}
