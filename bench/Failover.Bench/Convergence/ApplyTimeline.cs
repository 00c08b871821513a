using System.Globalization;
using System.Text;

namespace Failover.Bench.Convergence;

/// <summary>
/// Where a workflow apply's wall time went: each state's time from StateEntered to StateExited in the execution's history
/// (summed over its entries: a layer re-entered after its step budget counts each time), the time between states (the
/// interpreter's transitions), and the seconds in which Route 53 served no request (sampled once a second).
/// </summary>
internal sealed record ApplyTimeline(IReadOnlyList<(string State, int Entries, double Seconds)> States, double ExecutionSeconds,
    double BetweenStatesSeconds, int IdleSeconds, int SampledSeconds)
{
    public static async Task<ApplyTimeline> ReadAsync(BenchStack stack, string executionArn, IReadOnlyList<long> requestsEachSecond,
        CancellationToken cancellationToken)
    {
        var entered = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var byState = new Dictionary<string, (int Entries, double Seconds)>(StringComparer.Ordinal);
        DateTimeOffset? first = null, last = null;
        var inStates = 0.0;
        await foreach (var item in stack.States.GetFullExecutionHistoryAsync(executionArn, cancellationToken: cancellationToken))
        {
            first ??= item.Timestamp;
            last = item.Timestamp;
            if (item.StateEnteredEventDetails?.Name is { } name) entered[name] = item.Timestamp;
            else if (item.StateExitedEventDetails?.Name is { } exited && entered.Remove(exited, out var at))
            {
                var seconds = (item.Timestamp - at).TotalSeconds;
                var (entries, total) = byState.GetValueOrDefault(exited);
                byState[exited] = (entries + 1, total + seconds);
                inStates += seconds;
            }
        }
        var execution = first is { } f && last is { } l ? (l - f).TotalSeconds : 0;
        var idle = 0;
        for (var i = 1; i < requestsEachSecond.Count; i++)
            if (requestsEachSecond[i] == requestsEachSecond[i - 1]) idle++;
        return new ApplyTimeline(byState.OrderByDescending(s => s.Value.Seconds).Select(s => (s.Key, s.Value.Entries, s.Value.Seconds))
            .ToList(), execution, Math.Max(0, execution - inStates), idle, Math.Max(0, requestsEachSecond.Count - 1));
    }

    public string Describe()
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"execution {ExecutionSeconds:F1} s, between states {BetweenStatesSeconds:F1} s, Route 53 idle {IdleSeconds} of " +
            $"{SampledSeconds} s; states:"));
        foreach (var (state, entries, seconds) in States.Take(6))
            text.Append(CultureInfo.InvariantCulture, $" {state} {seconds:F1} s ({entries}×),");
        return text.ToString().TrimEnd(',');
    }
}

/// <summary>Route 53's served request total, read from the realism layer once a second while an apply runs.</summary>
internal sealed class RequestSampler : IAsyncDisposable
{
    private readonly List<long> _totals = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RequestSampler(BenchStack stack) => _loop = Task.Run(async () =>
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                var counts = await stack.CountsAsync();
                lock (_totals) _totals.Add(counts.Total);
            }
            catch (HttpRequestException)
            {
                // A missed sample is a second not counted, not a failed measurement.
            }
        } while (await tick.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result));
    });

    public IReadOnlyList<long> Totals
    {
        get { lock (_totals) return [.. _totals]; }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
