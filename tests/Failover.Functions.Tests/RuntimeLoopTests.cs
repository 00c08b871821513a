using System.Text;
using System.Text.Json;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Functions.Hosting.RuntimeApi;

namespace Failover.Functions.Tests;

[Trait("Category", "EndToEnd")]
public sealed class RuntimeLoopTests
{
    private static readonly DateTimeOffset FarDeadline = new(2040, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    private static HandlerTable Table(LogSink log, params (string Name, LambdaHandler Handler)[] extra)
    {
        var builder = new HandlerTableBuilder().AddBuiltIns();
        foreach (var (name, handler) in extra) builder.Add(name, handler);
        return builder.Build(TimeProvider.System, new HostingOptions { Log = log });
    }

    private static FakeInvocation Event(string requestId, string json, DateTimeOffset? deadline = null) =>
        new(requestId, Encoding.UTF8.GetBytes(json), (deadline ?? FarDeadline).ToUnixTimeMilliseconds());

    [Fact]
    public async Task Echo_response_is_posted_for_the_invocation_request_id()
    {
        await using var runtime = await InProcessRuntime.StartAsync("Echo", log => Table(log));
        runtime.Api.Enqueue(Event("req-echo-1", """{"tree":"www","version":3}"""));

        var post = await runtime.Api.NextPostAsync();

        Assert.Equal("response", post.Kind);
        Assert.Equal("req-echo-1", post.RequestId);
        Assert.Equal("""{"tree":"www","version":3}""", post.BodyText);
        Assert.Equal(LambdaBootstrap.Success, await runtime.StopAsync());
    }

    [Fact]
    public async Task Throwing_handler_posts_an_error_with_its_type_and_no_stack_frames()
    {
        LambdaHandler broken = (_, _, _) => ThrowDeep();
        await using var runtime = await InProcessRuntime.StartAsync("Broken", log => Table(log, ("Broken", broken)));
        runtime.Api.Enqueue(Event("req-broken", "{}"));

        var post = await runtime.Api.NextPostAsync();

        Assert.Equal("error", post.Kind);
        Assert.Equal("req-broken", post.RequestId);
        Assert.Equal("InvalidOperationException", post.ErrorTypeHeader);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal("Zone Z123 is locked by run r-9.", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.DoesNotContain(" at ", post.BodyText);
        Assert.DoesNotContain(nameof(ThrowDeep), post.BodyText);

        await runtime.StopAsync();
        // The trace is for the operator: it goes to the log line of that request.
        Assert.Contains(runtime.LogLines(),
            line => line.Contains("\"function_request_id\":\"req-broken\"") && line.Contains(nameof(ThrowDeep)));
    }

    [Fact]
    public async Task Fail_handler_reports_the_error_type_it_chose()
    {
        await using var runtime = await InProcessRuntime.StartAsync("Fail", log => Table(log));
        runtime.Api.Enqueue(Event("req-fail", "{}"));

        var post = await runtime.Api.NextPostAsync();

        Assert.Equal("error", post.Kind);
        Assert.Equal(BuiltInHandlers.FailErrorType, post.ErrorTypeHeader);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(BuiltInHandlers.FailErrorType, body.RootElement.GetProperty("errorType").GetString());
        Assert.Contains("req-fail", body.RootElement.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Unknown_handler_posts_an_init_error_listing_the_known_names_and_exits_non_zero()
    {
        await using var runtime = await InProcessRuntime.StartAsync("echo", log => Table(log));

        var post = await runtime.Api.NextPostAsync();
        var exitCode = await runtime.Run.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal("init/error", post.Kind);
        Assert.Equal(LambdaBootstrap.HandlerNotFoundType, post.ErrorTypeHeader);
        using var body = JsonDocument.Parse(post.Body);
        var message = body.RootElement.GetProperty("errorMessage").GetString();
        Assert.Contains("'echo'", message);
        Assert.Contains("Echo, Fail", message);
        Assert.Equal(LambdaBootstrap.Failure, exitCode);
        Assert.Empty(runtime.Api.NextConnections);
    }

    [Fact]
    public async Task Failing_start_up_posts_an_init_error_without_a_stack_trace()
    {
        await using var runtime = await InProcessRuntime.StartAsync("Echo",
            _ => throw new InvalidOperationException("TABLE_NAME is not set."));

        var post = await runtime.Api.NextPostAsync();

        Assert.Equal("init/error", post.Kind);
        Assert.Equal(LambdaBootstrap.StartupFailedType, post.ErrorTypeHeader);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("Start-up failed: TABLE_NAME is not set.", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
        Assert.Equal(LambdaBootstrap.Failure, await runtime.Run.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Invocation_headers_become_the_context_and_the_trace_variable()
    {
        LambdaContext? seen = null;
        string? traceVariable = null;
        LambdaHandler capture = (input, context, _) =>
        {
            seen = context;
            traceVariable = Environment.GetEnvironmentVariable(RuntimeLoop.TraceIdVariable);
            return Task.FromResult<Stream>(new MemoryStream("{}"u8.ToArray()));
        };
        await using var runtime = await InProcessRuntime.StartAsync("Capture", log => Table(log, ("Capture", capture)));
        const string arn = "arn:aws:lambda:eu-west-1:111122223333:function:failover-PlanTree:live";
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        runtime.Api.Enqueue(new FakeInvocation("req-ctx", "{}"u8.ToArray(), 1_900_000_123_456, arn, trace));

        await runtime.Api.NextPostAsync();

        Assert.NotNull(seen);
        Assert.Equal("req-ctx", seen.RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_123_456), seen.Deadline);
        Assert.Equal(arn, seen.InvokedFunctionArn);
        Assert.Equal(trace, seen.TraceId);
        Assert.Equal(trace, traceVariable);
        Assert.Equal("Capture", seen.HandlerName);
    }

    [Fact]
    public async Task Handler_still_running_at_the_deadline_is_cancelled_and_reported()
    {
        LambdaHandler waits = async (_, _, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Stream.Null;
        };
        await using var runtime = await InProcessRuntime.StartAsync("Waits", log => Table(log, ("Waits", waits)));
        // A deadline already behind us: the handler's token must fire at once rather than never.
        runtime.Api.Enqueue(Event("req-late", "{}", DateTimeOffset.UtcNow.AddMinutes(-1)));

        var post = await runtime.Api.NextPostAsync();

        Assert.Equal("error", post.Kind);
        Assert.Equal(FunctionError.DeadlineExceededType, post.ErrorTypeHeader);
        using var body = JsonDocument.Parse(post.Body);
        Assert.StartsWith("Handler 'Waits' did not finish before the invocation deadline",
            body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Contains("'Waits'", post.BodyText);
    }

    [Fact]
    public async Task Two_invocations_in_a_row_are_served_by_one_loop_over_one_connection()
    {
        var calls = 0;
        LambdaHandler counting = (input, _, _) =>
        {
            var count = Interlocked.Increment(ref calls);
            return Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"call":{{count}}}""")));
        };
        await using var runtime = await InProcessRuntime.StartAsync("Counting", log => Table(log, ("Counting", counting)));
        runtime.Api.Enqueue(Event("req-a", "{}"));
        runtime.Api.Enqueue(Event("req-b", "{}"));

        var first = await runtime.Api.NextPostAsync();
        var second = await runtime.Api.NextPostAsync();

        Assert.Equal(("req-a", """{"call":1}"""), (first.RequestId, first.BodyText));
        Assert.Equal(("req-b", """{"call":2}"""), (second.RequestId, second.BodyText));
        Assert.Equal(LambdaBootstrap.Success, await runtime.StopAsync());
        // One HttpClient for the process: every request went over the same kept-alive connection.
        Assert.True(runtime.Api.NextConnections.Count >= 2);
        Assert.Single(runtime.Api.NextConnections.Append(first.ConnectionId).Append(second.ConnectionId).Distinct());
    }

    [Fact]
    public async Task Missing_runtime_api_address_fails_without_contacting_anything()
    {
        using var log = new MemoryStream();
        var exitCode = await LambdaBootstrap.RunAsync(new RuntimeSettings(null, "Echo"),
            () => throw new InvalidOperationException("must not be built"), CancellationToken.None, new LogSink(log));

        Assert.Equal(LambdaBootstrap.Failure, exitCode);
        Assert.Contains(RuntimeSettings.RuntimeApiVariable, Encoding.UTF8.GetString(log.ToArray()));
    }

    private static Task<Stream> ThrowDeep() => throw new InvalidOperationException("Zone Z123 is locked by run r-9.");
}
