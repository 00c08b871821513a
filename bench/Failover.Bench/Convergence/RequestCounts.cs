using System.Text.Json.Nodes;

namespace Failover.Bench.Convergence;

/// <summary>
/// What the realism layer counted during one measurement, server side: requests it answered by operation (throttled
/// ones are left out and counted apart), GetChange answers, and the changes somebody waited on.
/// </summary>
internal sealed record RequestCounts(
    IReadOnlyDictionary<string, long> ByOperation, long Throttled, long Rejected, long PendingAnswers, long InSyncAnswers,
        long ChangesWaitedOn)
{
    /// <summary>Operations that change the account: records, health checks, tags, zones.</summary>
    public static readonly IReadOnlySet<string> MutatingOperations = new HashSet<string>(StringComparer.Ordinal)
    {
        "ChangeResourceRecordSets", "CreateHealthCheck", "UpdateHealthCheck", "DeleteHealthCheck", "ChangeTagsForResource",
        "CreateHostedZone", "DeleteHostedZone",
    };

    public long Get(string operation) => ByOperation.GetValueOrDefault(operation);
    public long Total => ByOperation.Values.Sum();
    public long Mutating => ByOperation.Where(e => MutatingOperations.Contains(e.Key)).Sum(e => e.Value);
    public long ChangeBatches => Get("ChangeResourceRecordSets");
    public long HealthCheckWrites =>
        Get("CreateHealthCheck") + Get("ChangeTagsForResource") + Get("UpdateHealthCheck") + Get("DeleteHealthCheck");
    public long GetChangePolls => Get("GetChange");
    public long Reads => Total - Mutating - GetChangePolls;

    public static RequestCounts FromStats(JsonNode stats)
    {
        var requests = Group(stats, "requests");
        var throttled = Group(stats, "throttled");
        // The layer counts a request before deciding to throttle it; what Route 53 served is the difference.
        var served = requests.ToDictionary(e => e.Key, e => e.Value - throttled.GetValueOrDefault(e.Key), StringComparer.Ordinal);
        var answers = Group(stats, "getChangeAnswers");
        return new RequestCounts(
            served.Where(e => e.Value > 0).ToDictionary(StringComparer.Ordinal),
            throttled.Values.Sum(), Group(stats, "rejected").Values.Sum(),
            answers.GetValueOrDefault("PENDING"), answers.GetValueOrDefault("INSYNC"),
            Group(stats, "changesWaitedOn").GetValueOrDefault("changes"));
    }

    private static Dictionary<string, long> Group(JsonNode stats, string name) =>
        stats[name] is JsonObject group
            ? group.ToDictionary(e => e.Key, e => e.Value!.GetValue<long>(), StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal);

    public string Describe() => string.Join(", ", ByOperation.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"));
}
