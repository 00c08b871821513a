using System.Text.Json;
using Failover.Functions.Handlers.Drift;
using Failover.Local.Aws;
using Failover.Local.Lambda;
using Failover.Service.Logging;

namespace Failover.Local.Drift;

/// <summary>
/// The EventBridge schedule of the drift scheduler: every <see cref="DriftEmulationSettings.ScheduleInterval"/> (if
/// set) it invokes <c>DriftScheduler</c> with a scheduled event, and <see cref="FireAsync"/> fires it on demand
/// (<c>POST /_local/schedules/drift</c>).
/// </summary>
public sealed class DriftSchedule : IAsyncDisposable
{
    public const string RuleArn = $"arn:aws:events:{LocalAccount.Region}:{LocalAccount.Id}:rule/failover-drift-schedule";

    private readonly ILambdaInvoker _functions;
    private readonly TimeProvider _clock;
    private readonly StructuredLogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _timer;

    public DriftSchedule(ILambdaInvoker functions, TimeSpan? interval, TimeProvider clock, StructuredLogger? log)
    {
        _functions = functions;
        _clock = clock;
        _log = log;
        Interval = interval;
        _timer = interval is { } every ? Task.Run(() => TickAsync(every, _stop.Token)) : Task.CompletedTask;
    }

    public TimeSpan? Interval { get; }

    /// <summary>Invokes the scheduler now, as the schedule would, and returns what the function answered.</summary>
    public Task<LambdaInvocationResult> FireAsync(CancellationToken cancellationToken) =>
        _functions.InvokeAsync(DriftHandlers.SchedulerName, ScheduledEventFor(_clock.GetUtcNow()), cancellationToken);

    private async Task TickAsync(TimeSpan every, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var result = await FireAsync(stop);
                    if (result.Failed) _log?.Warn($"drift schedule: {DriftHandlers.SchedulerName} failed: " +
                        $"{System.Text.Encoding.UTF8.GetString(result.Payload.Span)}");
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    _log?.Error($"drift schedule: {DriftHandlers.SchedulerName} could not be invoked", failure);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static byte[] ScheduledEventFor(DateTimeOffset now) => JsonSerializer.SerializeToUtf8Bytes(new ScheduledEvent
    {
        Version = "0",
        Id = Guid.NewGuid().ToString(),
        Account = LocalAccount.Id,
        Time = now,
        Region = LocalAccount.Region,
        Resources = [RuleArn],
        Detail = JsonDocument.Parse("{}").RootElement,
    }, DriftJsonContext.Default.ScheduledEvent);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _timer;
        _stop.Dispose();
    }
}
