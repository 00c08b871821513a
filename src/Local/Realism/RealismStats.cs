using System.Collections.Concurrent;
using System.Text.Json;

namespace Failover.Local.Realism;

/// <summary>
/// Counters of everything the realism layer did, grouped (requests by operation, faults by kind, rejections by rule,
/// …). Benchmarks and the reliability suite read them at <c>/_local/realism/stats</c> to know what a run went through.
/// </summary>
public sealed class RealismStats(TimeProvider time)
{
    public const string Requests = "requests";
    public const string Throttled = "throttled";
    /// <summary>Throttled requests by the bucket that was empty: <c>account</c> or <c>operation</c>.</summary>
    public const string ThrottledBy = "throttledBy";
    public const string Faults = "faults";
    /// <summary>Route 53 faults by operation and kind (<c>CreateHealthCheck:ServerErrorAfterApplied</c>).</summary>
    public const string FaultsByOperation = "faultsByOperation";
    public const string Rejected = "rejected";
    public const string HealthCheckReplays = "healthCheckReplays";
    public const string ChangeStatus = "getChangeAnswers";
    public const string MotoRepairs = "motoRepairs";
    /// <summary>GetHealthCheckStatus answers given the status a test set, by success or failure.</summary>
    public const string ObservedStatuses = "observedStatuses";
    /// <summary>Faults injected into DynamoDB and Step Functions calls, by kind and by operation.</summary>
    public const string ServiceFaults = "serviceFaults";
    /// <summary>Service faults by operation and kind (<c>DynamoDB.PutItem:ResponseLostAfterApplied</c>).</summary>
    public const string ServiceFaultsByOperation = "serviceFaultsByOperation";

    /// <summary>
    /// Changes that answered GetChange PENDING at least once, each counted once: how many times a client had to wait
    /// for propagation (one per run when it waits once at the end, one per record when it waits after each change).
    /// </summary>
    public const string ChangesWaitedOn = "changesWaitedOn";

    private readonly ConcurrentDictionary<(string Group, string Key), long> _counts = new();
    private readonly ConcurrentDictionary<(string Group, string Item), byte> _seen = new();
    private DateTimeOffset _since = time.GetUtcNow();

    public void Increment(string group, string key) => _counts.AddOrUpdate((group, key), 1, (_, count) => count + 1);

    /// <summary>Increments (group, key) the first time <paramref name="item"/> is seen for it since the last reset.</summary>
    public void IncrementOnce(string group, string key, string item)
    {
        if (_seen.TryAdd((group, item), 0)) Increment(group, key);
    }

    public long Get(string group, string key) => _counts.TryGetValue((group, key), out var count) ? count : 0;

    public long Total(string group) => _counts.Where(entry => entry.Key.Group == group).Sum(entry => entry.Value);

    public void Reset()
    {
        _counts.Clear();
        _seen.Clear();
        _since = time.GetUtcNow();
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("since", _since);
        foreach (var group in new[] { Requests, Throttled, ThrottledBy, Faults, FaultsByOperation, Rejected, HealthCheckReplays,
            ChangeStatus, ChangesWaitedOn, MotoRepairs, ObservedStatuses, ServiceFaults, ServiceFaultsByOperation })
        {
            json.WriteStartObject(group);
            foreach (var entry in _counts.Where(entry => entry.Key.Group == group).OrderBy(entry => entry.Key.Key, StringComparer.Ordinal))
                json.WriteNumber(entry.Key.Key, entry.Value);
            json.WriteEndObject();
        }
        json.WriteNumber("totalRequests", Total(Requests));
        json.WriteEndObject();
    }
}
