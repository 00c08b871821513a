using System.Text;
using System.Text.Json;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Functions.Tests;

[Trait("Category", "Unit")]
public sealed class HandlerTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static HandlerTable Table(TimeProvider? time = null, Stream? log = null, params (string Name, LambdaHandler Handler)[] extra)
    {
        var builder = new HandlerTableBuilder().AddBuiltIns();
        foreach (var (name, handler) in extra) builder.Add(name, handler);
        return builder.Build(time ?? TimeProvider.System, new HostingOptions { Log = new LogSink(log ?? Stream.Null) });
    }

    [Fact]
    public void Catalog_holds_the_built_in_handlers()
    {
        var table =
            FunctionCatalog.Build(new EnvironmentFunctionServices(_ => null), new HostingOptions { Log = new LogSink(Stream.Null) });

        Assert.Contains("Echo", table.Names);
        Assert.Contains("Fail", table.Names);
        Assert.Equal(table.Names.Order(StringComparer.Ordinal), table.Names);
    }

    [Fact]
    public void Resolving_an_unknown_name_lists_the_known_ones()
    {
        var table = Table();

        var error = Assert.Throws<UnknownHandlerException>(() => table.Resolve("PlanTre"));

        Assert.Equal("Unknown handler 'PlanTre' (names are case-sensitive). Known handlers: Echo, Fail.", error.Message);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        var table = Table();

        Assert.NotNull(table.Resolve("Echo"));
        Assert.False(table.Contains("echo"));
        Assert.Throws<UnknownHandlerException>(() => table.Resolve("ECHO"));
    }

    [Fact]
    public void Registering_a_name_twice_is_refused()
    {
        var builder = new HandlerTableBuilder().AddBuiltIns();

        var error = Assert.Throws<ArgumentException>(() => builder.Add("Echo", BuiltInHandlers.Echo));

        Assert.Contains("'Echo' is registered twice", error.Message);
    }

    [Fact]
    public async Task In_process_invocation_returns_the_handler_payload()
    {
        var outcome = await Table().InvokeAsync("Echo", """{"a":1}"""u8.ToArray(), CancellationToken.None);

        Assert.True(outcome.Succeeded);
        Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(outcome.Payload.Span));
    }

    [Fact]
    public async Task In_process_invocation_turns_an_exception_into_an_error_type_and_message()
    {
        LambdaHandler broken = (_, _, _) => throw new FormatException("Spec field 'records[2].weight' is not a number.");

        var outcome = await Table(extra: ("Broken", broken)).InvokeAsync("Broken", "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(new FunctionError("FormatException", "Spec field 'records[2].weight' is not a number."), outcome.Error);
        Assert.True(outcome.Payload.IsEmpty);
    }

    [Fact]
    public async Task In_process_invocation_of_an_unknown_name_throws_for_the_caller_to_map_to_not_found()
    {
        await Assert.ThrowsAsync<UnknownHandlerException>(() => Table().InvokeAsync("Nope", "{}"u8.ToArray(), CancellationToken.None));
    }

    [Fact]
    public async Task In_process_context_has_a_fresh_request_id_an_arn_and_the_configured_timeout()
    {
        var time = new FakeTimeProvider(Now);
        var contexts = new List<LambdaContext>();
        LambdaHandler capture = (_, context, _) =>
        {
            contexts.Add(context);
            return Task.FromResult<Stream>(new MemoryStream());
        };
        var table = new HandlerTableBuilder().Add("Capture", capture).Build(time, new HostingOptions
        {
            Log = new LogSink(Stream.Null),
            InProcessTimeout = TimeSpan.FromSeconds(90),
            FunctionArnFor = name => $"arn:aws:lambda:us-east-1:000000000000:function:{name}",
        });

        await table.InvokeAsync("Capture", "{}"u8.ToArray(), CancellationToken.None);
        await table.InvokeAsync("Capture", "{}"u8.ToArray(), CancellationToken.None);

        Assert.Equal(Now.AddSeconds(90), contexts[0].Deadline);
        Assert.Equal(TimeSpan.FromSeconds(90), contexts[0].RemainingTime);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:Capture", contexts[0].InvokedFunctionArn);
        Assert.NotEqual(contexts[0].RequestId, contexts[1].RequestId);
    }

    [Fact]
    public void Remaining_time_follows_the_injected_clock_and_never_goes_negative()
    {
        var time = new FakeTimeProvider(Now);
        var context = Table(time).CreateContext("Echo", "req-1", Now.AddSeconds(30), "arn", null);

        Assert.Equal(TimeSpan.FromSeconds(30), context.RemainingTime);
        time.SetUtcNow(Now.AddSeconds(29.5));
        Assert.Equal(TimeSpan.FromMilliseconds(500), context.RemainingTime);
        time.SetUtcNow(Now.AddMinutes(1));
        Assert.Equal(TimeSpan.Zero, context.RemainingTime);
    }

    [Fact]
    public void Context_logger_writes_one_json_line_per_entry_with_the_invocation_fields()
    {
        using var log = new MemoryStream();
        var context = Table(new FakeTimeProvider(Now), log).CreateContext("PlanTree", "req-77", Now.AddMinutes(1), "arn",
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");

        context.Logger.Info("plan stored", ("tree", "www"), ("layers", 4), ("dryRun", false));
        context.Logger.Debug("below the minimum level");
        context.Logger.Warn("slow zone", ("elapsed", TimeSpan.FromMilliseconds(1250)));

        var lines = Encoding.UTF8.GetString(log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("2026-03-01T12:00:00.000Z", root.GetProperty("timestamp").GetString());
        Assert.Equal("INFO", root.GetProperty("level").GetString());
        Assert.Equal("failover", root.GetProperty("service").GetString());
        Assert.True(root.GetProperty("cold_start").GetBoolean());
        Assert.Equal("req-77", root.GetProperty("function_request_id").GetString());
        Assert.Equal("1-5759e988-bd862e3fe1be46a994272793", root.GetProperty("xray_trace_id").GetString());
        Assert.Equal("PlanTree", root.GetProperty("handler").GetString());
        Assert.Equal("plan stored", root.GetProperty("message").GetString());
        Assert.Equal("www", root.GetProperty("tree").GetString());
        Assert.Equal(4, root.GetProperty("layers").GetInt32());
        Assert.False(root.GetProperty("dryRun").GetBoolean());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("WARN", second.RootElement.GetProperty("level").GetString());
        Assert.Equal(1250, second.RootElement.GetProperty("elapsed").GetDouble());
    }

    [Fact]
    public async Task Cold_start_is_true_on_the_first_invocation_of_the_sandbox_only()
    {
        var log = new LogCapture();
        LambdaHandler logs = (_, context, _) =>
        {
            context.Logger.Info("invoked");
            return Task.FromResult<Stream>(new MemoryStream());
        };
        var table = Table(new FakeTimeProvider(Now), log, ("Logs", logs));

        foreach (var _ in Enumerable.Range(0, 3)) await table.InvokeAsync("Logs", "{}"u8.ToArray(), CancellationToken.None);

        var lines = log.Lines.Where(l => l.GetProperty("message").GetString() == "invoked").ToList();
        Assert.Equal([true, false, false], lines.Select(l => l.GetProperty("cold_start").GetBoolean()));
        Assert.Equal(3, lines.Select(l => l.GetProperty("function_request_id").GetString()).Distinct().Count());
    }

    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Parent=53995c3f42cd8ad8; Root=1-abc-def", "1-abc-def")]
    [InlineData("1-5759e988-bd862e3fe1be46a994272793", "1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_xray_trace_id_is_the_trace_headers_root(string? header, string? expected) =>
        Assert.Equal(expected, XRayTraceId.From(header));

    [Fact]
    public void The_service_name_comes_from_the_powertools_setting()
    {
        var named = HostingOptions.FromEnvironment(name => name == "POWERTOOLS_SERVICE_NAME" ? "dns-failover" : null);
        Assert.Equal("dns-failover", named.Service);
        Assert.Equal("failover", HostingOptions.FromEnvironment(_ => null).Service);
    }

    [Theory]
    [InlineData("debug", LogLevel.Debug)]
    [InlineData("WARN", LogLevel.Warn)]
    [InlineData(null, LogLevel.Info)]
    [InlineData("verbose", LogLevel.Info)]
    public void Log_level_comes_from_lambda_advanced_logging_setting(string? value, LogLevel expected)
    {
        var options = HostingOptions.FromEnvironment(name => name == "AWS_LAMBDA_LOG_LEVEL" ? value : null);

        Assert.Equal(expected, options.Log.MinimumLevel);
    }
}
