using System.Text.Json;
using System.Text.Json.Serialization;
using Failover.Functions.Hosting;
using Failover.Service.Health;
using Failover.Service.Logging;

namespace Failover.Functions.Handlers.Health;

/// <summary>What the answer watcher answers: the tree, and the event's summary or why there was none.</summary>
public sealed record AnswerWatchResponse(string HealthCheckId, string? Tree, bool Published, string? Summary, string? NothingBecause);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnswerWatchResponse))]
public sealed partial class AnswerWatchJsonContext : JsonSerializerContext;

/// <summary>
/// <c>AnswerWatcher</c>: an EventBridge rule sends it the CloudWatch "Alarm State Change" of each alarm on a tree's
/// health check (the local stack sends the same event when <c>/_local/health-status</c> changes a check's verdict). It
/// reads the event and hands the check and its state to <see cref="AnswerWatcher"/>.
/// </summary>
public static class AnswerWatcherHandlers
{
    public const string Name = "AnswerWatcher";

    public static HandlerTableBuilder AddAnswerWatcher(this HandlerTableBuilder builder, Func<AnswerWatcher> watcher) =>
        builder.Add(Name, async (input, context, cancellationToken) =>
        {
            AlarmStateChange change;
            try
            {
                using var document = await JsonDocument.ParseAsync(input, cancellationToken: cancellationToken);
                change = AlarmStateChange.Read(document.RootElement);
            }
            catch (Exception invalid) when (invalid is JsonException or FormatException)
            {
                throw new FunctionFailedException("InvalidEvent",
                    $"the answer watcher expects a CloudWatch alarm state change: {invalid.Message}");
            }
            context.AppendLogFields(("health_check_id", change.HealthCheckId), ("alarm", change.AlarmName));
            AnswerWatchResponse response;
            if (change.State is not { } state)
            {
                response = new AnswerWatchResponse(change.HealthCheckId, null, false, null, "the alarm has no data: health unknown");
            }
            else
            {
                var result = await watcher().HealthCheckChangedAsync(change.HealthCheckId, state, cancellationToken);
                response = new AnswerWatchResponse(result.HealthCheckId, result.Tree, result.Published is not null,
                    result.Published?.Summary, result.NothingBecause);
            }
            context.Logger.Info(response.Published ? "Tree answer changed." : "Tree answer unchanged.", (LogFields.Tree, response.Tree),
                ("summary", response.Summary), ("reason", response.NothingBecause));
            return new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(response, AnswerWatchJsonContext.Default.AnswerWatchResponse),
                writable: false);
        });
}
