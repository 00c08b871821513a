using System.Text.Json;
using Failover.Service.Drift;
using Failover.Functions.Hosting;
using Failover.Service.Logging;

namespace Failover.Functions.Handlers.Drift;

/// <summary>
/// The two drift functions. <c>DriftScheduler</c> (EventBridge schedule) sends one queue message per hosted zone's applied trees;
/// <c>DriftWorker</c> (SQS event source mapping with ReportBatchItemFailures) checks the trees of a batch and answers
/// with the messages that failed. Both are thin: the loops and decisions are in Failover.Service.Drift.
/// </summary>
public static class DriftHandlers
{
    public const string SchedulerName = "DriftScheduler";
    public const string WorkerName = "DriftWorker";

    /// <summary>The error type of a scheduling pass that could not send every tree's message.</summary>
    public const string ScheduleIncomplete = "DriftScheduleIncomplete";

    /// <param name="services">Called on first use, so a cold start of another function never builds the drift clients.</param>
    public static HandlerTableBuilder AddDrift(this HandlerTableBuilder builder, Func<DriftServices> services) =>
        builder
            .Add(SchedulerName, (input, context, cancellationToken) => ScheduleAsync(services(), input, context, cancellationToken))
            .Add(WorkerName, (input, context, cancellationToken) => WorkAsync(services(), input, context, cancellationToken));

    public static async Task<Stream> ScheduleAsync(DriftServices services, Stream input, LambdaContext context,
        CancellationToken cancellationToken)
    {
        var trigger = await ReadAsync(input, DriftJsonContext.Default.ScheduledEvent, cancellationToken) ?? new ScheduledEvent();
        var result = await services.Scheduler().RunAsync(cancellationToken);
        context.Logger.Info("Drift checks scheduled.", ("event", trigger.Id), ("scheduled", result.Scheduled),
            ("messages", result.Messages), ("skipped", result.Skipped), ("failed", result.Failed.Count));
        if (!result.Succeeded)
            // Failing the invocation lets the schedule's retry policy run the pass again; a tree sent twice is checked twice, harmlessly.
            throw new FunctionFailedException(ScheduleIncomplete, $"{result.Failed.Count} tree(s) could not be queued: "
                + string.Join("; ", result.Failed.Select(f => $"{f.Tree}: {f.Reason}")));
        return Write(new DriftScheduleResponse { Scheduled = result.Scheduled, Messages = result.Messages, Skipped = result.Skipped },
            DriftJsonContext.Default.DriftScheduleResponse);
    }

    public static async Task<Stream> WorkAsync(DriftServices services, Stream input, LambdaContext context,
        CancellationToken cancellationToken)
    {
        var sqsEvent = await ReadAsync(input, DriftJsonContext.Default.SqsEvent, cancellationToken)
            ?? throw new FunctionFailedException("InvalidEvent", "the drift worker expects an SQS event, and got null");
        var worker = services.Worker((item, error) =>
            context.Logger.Error("Drift check failed; the message goes back to the queue.", error,
                ("message_id", item.MessageId), ("body", item.Body)));
        var result =
            await worker.ProcessAsync(sqsEvent.Records.Select(r => new DriftWorkItem(r.MessageId, r.Body)).ToList(), cancellationToken);
        foreach (var message in result.Messages)
            context.Logger.Info("Drift message read its zone.", ("hosted_zone", message.HostedZoneId), ("trees", message.Results.Count),
                ("failed", message.Failures.Count), ("records_read", message.RecordsRead?.ToString()),
                ("checks_read", message.ChecksRead?.ToString()), ("route53_requests", message.Requests.Total),
                ("route53_requests_by_operation", message.Requests.ToString()));
        foreach (var check in result.Results)
            context.Logger.Info(check.Checked ? "Drift checked." : "Drift check skipped.", (LogFields.Tree, check.Tree),
                ("drifted_items", check.Report?.DriftedItems), ("repair", check.Report?.Repair?.Status.ToString()),
                    ("skipped", check.SkippedBecause));
        return Write(
            new SqsBatchResponse { BatchItemFailures = result.FailedMessageIds.Select(id => new SqsBatchItemFailure(id)).ToList() },
            DriftJsonContext.Default.SqsBatchResponse);
    }

    private static async Task<T?> ReadAsync<T>(Stream input, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(input, type, cancellationToken);
        }
        catch (JsonException invalid)
        {
            throw new FunctionFailedException("InvalidEvent", $"the event is not a {typeof(T).Name}: {invalid.Message}");
        }
    }

    private static MemoryStream Write<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, type), writable: false);
}
