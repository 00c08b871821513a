using Failover.Service.Logging;
using Failover.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Logging;

[Trait("Category", "Unit")]
public sealed class StructuredLoggerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, 250, TimeSpan.Zero);

    private static (StructuredLogger Log, LogCapture Lines) Logger(LogLevel minimum = LogLevel.Info, string? service = null)
    {
        var capture = new LogCapture();
        return (new StructuredLogger(new LogSink(capture, minimum), new FakeTimeProvider(Now), service), capture);
    }

    [Fact]
    public void A_line_has_the_powertools_keys_first_then_the_context_then_its_own_fields()
    {
        var (log, lines) = Logger(service: "failover-api");

        log.With((LogFields.ColdStart, true), (LogFields.FunctionRequestId, "req-1"), (LogFields.XRayTraceId, "1-abc-def"),
                (LogFields.CorrelationId, "deploy-42"))
            .Info("run started", (LogFields.Tree, "www"), (LogFields.Version, 3), (LogFields.RunId, "run-7"), (LogFields.Step, "Plan"));

        var line = Assert.Single(lines.Lines);
        Assert.Equal(
            ["level", "message", "timestamp", "service", "cold_start", "function_request_id", "xray_trace_id", "correlation_id",
                "tree", "version", "run_id", "step"],
            line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("INFO", "run started", "2026-03-01T12:00:00.250Z", "failover-api"),
            (line.GetProperty("level").GetString(), line.GetProperty("message").GetString(), line.GetProperty("timestamp").GetString(),
                line.GetProperty("service").GetString()));
        Assert.True(line.GetProperty("cold_start").GetBoolean());
        Assert.Equal(("req-1", "1-abc-def", "deploy-42"), (line.GetProperty("function_request_id").GetString(),
            line.GetProperty("xray_trace_id").GetString(), line.GetProperty("correlation_id").GetString()));
        Assert.Equal(("www", 3, "run-7", "Plan"), (line.GetProperty("tree").GetString(), line.GetProperty("version").GetInt32(),
            line.GetProperty("run_id").GetString(), line.GetProperty("step").GetString()));
    }

    [Fact]
    public void The_service_is_failover_unless_named()
    {
        var (log, lines) = Logger();

        log.Info("hello");

        Assert.Equal("failover", Assert.Single(lines.Lines).GetProperty("service").GetString());
    }

    [Fact]
    public void A_field_named_twice_keeps_its_latest_value_and_never_replaces_the_loggers_own_keys()
    {
        var (log, lines) = Logger();

        log.With((LogFields.RunId, "run-1"), (LogFields.Tree, "a")).With((LogFields.RunId, "run-2"))
            .Warn("twice", (LogFields.Tree, "b"), (LogFields.Level, "DEBUG"), (LogFields.Message, "forged"));

        var line = Assert.Single(lines.Lines);
        Assert.Equal(["level", "message", "timestamp", "service", "run_id", "tree"], line.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("WARN", "twice", "run-2", "b"), (line.GetProperty("level").GetString(), line.GetProperty("message").GetString(),
            line.GetProperty("run_id").GetString(), line.GetProperty("tree").GetString()));
    }

    [Fact]
    public void A_logger_made_with_more_fields_leaves_its_parent_as_it_was()
    {
        var (log, lines) = Logger();

        _ = log.With((LogFields.CorrelationId, "c-1"));
        log.Info("parent");

        Assert.False(Assert.Single(lines.Lines).TryGetProperty("correlation_id", out _));
    }

    [Fact]
    public void An_exception_is_logged_with_its_type_message_and_trace()
    {
        var (log, lines) = Logger();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("AccessDenied: arn:aws:iam::123456789012:role/x");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        log.Error("request failed", thrown, ("status", 502));

        var line = Assert.Single(lines.Lines);
        Assert.Equal(("ERROR", "InvalidOperationException", "AccessDenied: arn:aws:iam::123456789012:role/x", 502),
            (line.GetProperty("level").GetString(), line.GetProperty("error_type").GetString(),
                line.GetProperty("error_message").GetString(), line.GetProperty("status").GetInt32()));
        Assert.Contains(nameof(An_exception_is_logged_with_its_type_message_and_trace), line.GetProperty("stack_trace").GetString());
    }

    [Fact]
    public void Lines_below_the_sinks_level_are_not_written()
    {
        var (log, lines) = Logger(LogLevel.Warn);

        log.Debug("no");
        log.Info("no");
        log.Warn("yes");

        Assert.Equal(["yes"], lines.Lines.Select(l => l.GetProperty("message").GetString()));
    }

    [Fact]
    public void Values_are_written_as_json_of_their_kind()
    {
        var (log, lines) = Logger();

        log.Info("kinds", ("text", "x\"y"), ("flag", false), ("count", 7L), ("share", 0.25), ("elapsed", TimeSpan.FromMilliseconds(1.5)),
            ("at", Now), ("nothing", null));

        var line = Assert.Single(lines.Lines);
        Assert.Equal("x\"y", line.GetProperty("text").GetString());
        Assert.False(line.GetProperty("flag").GetBoolean());
        Assert.Equal(7, line.GetProperty("count").GetInt64());
        Assert.Equal(0.25, line.GetProperty("share").GetDouble());
        Assert.Equal(1.5, line.GetProperty("elapsed").GetDouble());
        Assert.Equal("2026-03-01T12:00:00.250Z", line.GetProperty("at").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, line.GetProperty("nothing").ValueKind);
    }
}
