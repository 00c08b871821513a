using System.Text;
using System.Text.Json.Nodes;
using Failover.Local.Edge;

namespace Failover.Testing.Stack;

/// <summary>
/// The realism layer's control endpoints over HTTP, as an out-of-process client would use them: its settings, and its
/// server-side counters (requests by operation, faults by kind, throttles, rejections).
/// </summary>
public sealed class RealismClient(Uri edge) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = edge };

    /// <summary>Applies a partial settings document, e.g. <c>{"faults":{"rate":0.2}}</c>.</summary>
    public async Task SetAsync(string json, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(LocalControlEndpoints.RealismPath, content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the realism layer refused {json}: {body}");
    }

    /// <summary>Back to the start-up settings (no faults) with the counters zeroed.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        (await _http.PostAsync(LocalControlEndpoints.RealismResetPath, null, cancellationToken)).EnsureSuccessStatusCode();
        (await _http.DeleteAsync(LocalControlEndpoints.RealismStatsPath, cancellationToken)).EnsureSuccessStatusCode();
    }

    public async Task<RealismCounts> StatsAsync(CancellationToken cancellationToken = default) =>
        new(await StatsJsonAsync(cancellationToken));

    /// <summary>The counters as the endpoint answers them.</summary>
    public async Task<JsonNode> StatsJsonAsync(CancellationToken cancellationToken = default) =>
        JsonNode.Parse(await _http.GetStringAsync(LocalControlEndpoints.RealismStatsPath, cancellationToken))!;

    public void Dispose() => _http.Dispose();
}

/// <summary>A reading of the realism layer's counters.</summary>
public sealed class RealismCounts(JsonNode stats)
{
    public long TotalRequests => stats["totalRequests"]!.GetValue<long>();

    public long Get(string group, string key) => stats[group]?[key]?.GetValue<long>() ?? 0;

    public IReadOnlyDictionary<string, long> Group(string group) =>
        stats[group] is JsonObject counts ? counts.ToDictionary(c => c.Key, c => c.Value!.GetValue<long>())
            : new Dictionary<string, long>();

    /// <summary>Requests that change Route 53: what an invalid spec must never cause.</summary>
    public long Writes => Group("requests").Where(r => r.Key is "ChangeResourceRecordSets" or "CreateHealthCheck" or "DeleteHealthCheck"
        or "UpdateHealthCheck" or "ChangeTagsForResource" or "CreateHostedZone" or "DeleteHostedZone").Sum(r => r.Value);
}
