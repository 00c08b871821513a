using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Failover.Functions.Tests;

/// <summary>An event the fake hands out on GET next, with the headers Lambda would send.</summary>
public sealed record FakeInvocation(string RequestId, byte[] Payload, long? DeadlineMs = null, string? FunctionArn = null,
    string? TraceId = null);

/// <summary>What the runtime posted: to <c>response</c>, <c>error</c> or <c>init/error</c>.</summary>
public sealed record RuntimePost(string Kind, string? RequestId, string? ErrorTypeHeader, byte[] Body, string ConnectionId)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>
/// The Lambda Runtime API (2018-06-01) on a free loopback port: GET next waits for an enqueued event, posts are
/// recorded in arrival order and answered 202 as Lambda does.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly Channel<FakeInvocation> _pending = Channel.CreateUnbounded<FakeInvocation>();
    private readonly Channel<RuntimePost> _posts = Channel.CreateUnbounded<RuntimePost>();
    private readonly ConcurrentQueue<string> _nextConnections = new();
    private readonly TaskCompletionSource<DateTimeOffset> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    /// <summary>The <c>AWS_LAMBDA_RUNTIME_API</c> value: <c>127.0.0.1:port</c>.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The connection of every GET next, in order.</summary>
    public IReadOnlyList<string> NextConnections => [.. _nextConnections];

    /// <summary>Completes with the time the first GET next arrived.</summary>
    public Task<DateTimeOffset> FirstNext => _firstNext.Task;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/2018-06-01/runtime/invocation/next", fake.NextAsync);
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/response",
            (HttpContext http, string requestId) => fake.RecordAsync(http, "response", requestId));
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/error",
            (HttpContext http, string requestId) => fake.RecordAsync(http, "error", requestId));
        app.MapPost("/2018-06-01/runtime/init/error", (HttpContext http) => fake.RecordAsync(http, "init/error", null));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake._app = app;
        fake.Address = new Uri(address).Authority;
        return fake;
    }

    public void Enqueue(FakeInvocation invocation) => _pending.Writer.TryWrite(invocation);

    /// <summary>The next post the runtime made, waiting for it (bounded so a broken runtime fails the test instead of hanging
    /// it).</summary>
    public async Task<RuntimePost> NextPostAsync()
    {
        using var guard = new CancellationTokenSource(HangGuard);
        return await _posts.Reader.ReadAsync(guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task NextAsync(HttpContext http)
    {
        _firstNext.TrySetResult(DateTimeOffset.UtcNow);
        _nextConnections.Enqueue(http.Connection.Id);

        FakeInvocation invocation;
        try
        {
            invocation = await _pending.Reader.ReadAsync(http.RequestAborted);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            http.Abort();
            return;
        }

        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        if (invocation.DeadlineMs is { } deadline) headers["Lambda-Runtime-Deadline-Ms"] =
            deadline.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (invocation.FunctionArn is { } arn) headers["Lambda-Runtime-Invoked-Function-Arn"] = arn;
        if (invocation.TraceId is { } trace) headers["Lambda-Runtime-Trace-Id"] = trace;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(invocation.Payload);
    }

    private async Task RecordAsync(HttpContext http, string kind, string? requestId)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var errorType = http.Request.Headers["Lambda-Runtime-Function-Error-Type"].ToString();
        _posts.Writer.TryWrite(
            new RuntimePost(kind, requestId, errorType.Length == 0 ? null : errorType, body.ToArray(), http.Connection.Id));
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }
}
