using Failover.EndToEnd.Tests.Workflow;
using Failover.Local.Realism;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// Records and health checks made as a person makes them, with the AWS CLI against the local zone (change batches of
/// their own choosing, checks by a caller reference of their own), and the realism layer's count of what was written.
/// </summary>
internal sealed class ZoneByHand(WorkflowTestSupport support, string zoneId, RealismStats stats)
{
    public static readonly string[] MutatingOperations =
    [
        "ChangeResourceRecordSets", "CreateHealthCheck", "UpdateHealthCheck", "DeleteHealthCheck", "ChangeTagsForResource",
    ];

    public static string Record(string name, string id, string fields, string type = "A") =>
        $"{{ \"Name\": \"{name}\", \"Type\": \"{type}\", \"SetIdentifier\": \"{id}\", {fields} }}";

    public static string Weighted(string name, string id, int weight, string address, string? check) =>
        Record(name, id, $"\"Weight\": {weight}, \"TTL\": 300, \"ResourceRecords\": [ {{ \"Value\": \"{address}\" }} ]" +
            (check is null ? "" : $", \"HealthCheckId\": \"{check}\""));

    public Task UpsertAsync(params string[] records) => ChangeAsync("UPSERT", records);

    public async Task ChangeAsync(string action, string[] records)
    {
        var changes = records.Select(r => $"{{ \"Action\": \"{action}\", \"ResourceRecordSet\": {r} }}");
        var batch = $"{{ \"Changes\": [ {string.Join(", ", changes)} ] }}";
        await support.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch);
    }

    public async Task<string> CreateHealthCheckAsync(string address, string path = "/health")
    {
        var config = $"{{ \"IPAddress\": \"{address}\", \"Port\": 443, \"Type\": \"HTTPS\", \"ResourcePath\": \"{path}\", " +
            "\"FullyQualifiedDomainName\": \"app.example.com\", \"RequestInterval\": 30, \"FailureThreshold\": 3 }";
        var created = await support.AwsJsonAsync("route53", "create-health-check", "--caller-reference", $"by-hand-{Guid.NewGuid():N}",
            "--health-check-config", config);
        return created.GetProperty("HealthCheck").GetProperty("Id").GetString()!;
    }

    /// <summary>Every record set at the name or below it, as the AWS CLI lists them: key, then the whole record.</summary>
    public async Task<List<string>> AtAsync(string name) =>
        (await support.RecordsAsync())
        .Where(r => r.GetProperty("Name").GetString()!.TrimEnd('.').EndsWith(name, StringComparison.Ordinal))
        .Select(r => WorkflowTestSupport.Key(r) + " " + r.GetRawText().Replace(" ", "").Replace("\n", ""))
        .Order(StringComparer.Ordinal).ToList();

    public Dictionary<string, long> Writes() => MutatingOperations.ToDictionary(op => op, op => stats.Get(RealismStats.Requests, op));

    public Dictionary<string, long> Delta(Dictionary<string, long> before) =>
        Writes().ToDictionary(w => w.Key, w => w.Value - before.GetValueOrDefault(w.Key));
}
