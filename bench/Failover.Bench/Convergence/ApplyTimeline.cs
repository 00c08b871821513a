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

/// <summary>
/// What the realism layer had served, read once a second while an apply runs, with the service's Route 53 rate at that
/// moment; optionally each sample as a line of <c>--trace</c>'s file (UTC time, requests served, throttled, health-check
/// requests, the client's rate).
/// </summary>
internal sealed class RequestSampler : IAsyncDisposable
{
    private readonly List<(DateTime At, RequestCounts Counts, double ClientRate)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RequestSampler(BenchStack stack, Func<double> clientRate, TextWriter? trace = null) => _loop = Task.Run(async () =>
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                var counts = await stack.CountsAsync();
                var sample = (At: DateTime.UtcNow, Counts: counts, ClientRate: clientRate());
                lock (_samples) _samples.Add(sample);
                trace?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{sample.At:HH:mm:ss} {counts.Total} {counts.Throttled} {counts.HealthCheckWrites} {sample.ClientRate:F2}"));
            }
            catch (HttpRequestException)
            {
                // A missed sample is a second not counted, not a failed measurement.
            }
        } while (await tick.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result));
    });

    public IReadOnlyList<long> Totals
    {
        get { lock (_samples) return [.. _samples.Select(s => s.Counts.Total)]; }
    }

    /// <summary>
    /// The health-check requests (creates, tags, updates, deletes) over the seconds from the first sample that saw one to
    /// the first that saw them all: the rate the layer reached, whatever the rest of the apply cost on a loaded machine.
    /// Null when the apply made none.
    /// </summary>
    public (long Requests, double Seconds, double Low, double High)? HealthCheckLayer
    {
        get
        {
            lock (_samples)
            {
                var all = _samples.Count == 0 ? 0 : _samples.Max(s => s.Counts.HealthCheckWrites);
                var first = _samples.FindIndex(s => s.Counts.HealthCheckWrites > 0);
                if (all == 0 || first < 0) return null;
                var last = _samples.FindIndex(s => s.Counts.HealthCheckWrites == all);
                var layer = _samples.GetRange(first, last - first + 1);
                return (all, (_samples[last].At - _samples[first].At).TotalSeconds, layer.Min(s => s.ClientRate),
                    layer.Max(s => s.ClientRate));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
