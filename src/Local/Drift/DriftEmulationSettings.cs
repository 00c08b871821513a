namespace Failover.Local.Drift;

/// <summary>
/// How the local stack plays the drift triggers: the EventBridge schedule that invokes <c>DriftScheduler</c>, and the
/// SQS event source mapping that feeds <c>DriftWorker</c>.
/// </summary>
public sealed record DriftEmulationSettings
{
    /// <summary>The template's default schedule.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(15);

    /// <summary>How often the schedule fires; null: never on its own (<c>POST /_local/schedules/drift</c> still fires it).</summary>
    public TimeSpan? ScheduleInterval { get; init; } = DefaultInterval;

    /// <summary>Whether the event source mapping runs (receives from the drift queue and invokes the worker).</summary>
    public bool PollQueue { get; init; } = true;

    /// <summary>
    /// How long a received message stays invisible. In AWS the queue's timeout must outlast the function; locally it is
    /// short, so a failed message comes back (and, after the redrive policy's receives, goes to the DLQ) in seconds.
    /// </summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages per worker invocation (the mapping's BatchSize; SQS returns at most 10 per receive).</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>The clock of the schedule and of the drift functions' services.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where the worker's metric lines go (Lambda's standard output); null: this process's standard output.</summary>
    public TextWriter? MetricsOutput { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ScheduleInterval is { } interval && interval < TimeSpan.FromSeconds(1))
            errors.Add($"drift schedule interval must be at least 1 second, or off (got {interval.TotalSeconds} s)");
        // SQS takes whole seconds, 0 to 12 hours.
        if (VisibilityTimeout < TimeSpan.Zero || VisibilityTimeout > TimeSpan.FromHours(12)
            || VisibilityTimeout.Ticks % TimeSpan.TicksPerSecond != 0)
            errors.Add($"drift visibility timeout must be whole seconds between 0 and 43200 (got {VisibilityTimeout.TotalSeconds})");
        if (BatchSize is < 1 or > 10) errors.Add($"drift batch size must be between 1 and 10 (got {BatchSize})");
        return errors;
    }
}
