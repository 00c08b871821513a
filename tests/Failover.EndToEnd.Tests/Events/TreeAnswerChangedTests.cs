using System.Text;
using System.Text.Json.Nodes;
using Failover.Core.Contracts.Events;
using Failover.EndToEnd.Tests.Drift;
using Failover.Local.Edge;

namespace Failover.EndToEnd.Tests.Events;

/// <summary>
/// "Your tree just failed over": health checks made to fail through <c>/_local/health-status</c> drive the answer watcher
/// as the alarms' state changes do in AWS, and it publishes one <c>Tree Answer Changed</c> per change of answer — none for
/// an endpoint no client is answered from.
/// </summary>
[Collection(DriftStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TreeAnswerChangedTests(DriftStackFixture stack)
{
    private const string Tree = "ev-answer";

    private string Spec() => $$"""
        {
          "name": "{{Tree}}", "hostedZoneId": "{{stack.ZoneId.Split('/').Last()}}", "zoneName": "example.com",
          "recordName": "www-answer.example.com", "recordType": "A", "ttl": 60,
          "healthCheckDefaults": { "type": "HTTP", "port": 80, "path": "/health" },
          "root": { "id": "root", "routing": "failover",
            "primary": { "id": "use1", "routing": "weighted", "children": [
              { "id": "use1-a", "weight": 10, "endpoint": { "values": ["192.0.2.10"], "healthCheck": {} } },
              { "id": "use1-b", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
              { "id": "standby", "weight": 0, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } } ] },
            "secondary": { "id": "sorry", "endpoint": { "values": ["198.51.100.80"] } } }
        }
        """;

    [Fact]
    public async Task Each_failure_that_moves_the_answer_publishes_one_event_and_a_weight_0_endpoint_failing_publishes_none()
    {
        await stack.ApplyAsync(Spec());
        var checks = await ChecksByNodeAsync();
        try
        {
            // Nobody is answered from the weight-0 endpoint while the others are healthy: its failure changes no answer.
            var standby = await SetStatusAsync(checks["standby"], "Failure: HTTP Status Code 503");
            Assert.False(standby["answerWatcher"]![0]!["published"]!.GetValue<bool>());
            Assert.Contains("no client's answer depends on 'standby'", standby["answerWatcher"]![0]!["nothingBecause"]!.GetValue<string>());

            var first = await SetStatusAsync(checks["use1-a"], "Failure: HTTP Status Code 503");
            Assert.True(first["answerWatcher"]![0]!["published"]!.GetValue<bool>());
            // Another failure message for a check already failing is no change of state: the watcher is not called.
            var again = await SetStatusAsync(checks["use1-a"], "Failure: Connection timed out");
            Assert.Null(again["answerWatcher"]);
            await SetStatusAsync(checks["use1-b"], "Failure: HTTP Status Code 503");

            var events = await PublishedEventReader.WaitForAsync(stack.EdgeUrl, Tree,
                e => e.OfType(FailoverEventTypes.TreeAnswerChanged).Count >= 2, "two answer changes");
            var changes = events.OfType(FailoverEventTypes.TreeAnswerChanged);
            Assert.Equal(2, changes.Count);
            foreach (var change in changes) Assert.Empty(PublishedEventReader.SchemaErrors(change));

            var partial = changes[0]["detail"]!;
            Assert.Equal(["use1-b"], Nodes(partial["answers"]![0]!));
            Assert.Equal(["use1-a", "use1-b"], Nodes(partial["previous"]![0]!));
            Assert.Equal(checks["use1-a"], partial["changes"]![0]!["healthCheckId"]!.GetValue<string>());

            var failover = changes[1]["detail"]!;
            Assert.Equal((Tree, "www-answer.example.com", "/trees/ev-answer/health"), (failover["tree"]!.GetValue<string>(),
                failover["recordNames"]![0]!.GetValue<string>(), failover["link"]!.GetValue<string>()));
            var answer = Assert.Single(failover["answers"]!.AsArray());
            Assert.Equal("every client", answer!["location"]!.GetValue<string>());
            Assert.Equal(["sorry"], Nodes(answer));
            Assert.Equal(["198.51.100.80"], answer["values"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal(["standby", "use1-a", "use1-b"], failover["unhealthyNodes"]!.AsArray().Select(v => v!.GetValue<string>()));
            Assert.Equal("www-answer.example.com now answers from `sorry` (secondary, 198.51.100.80) for every client; "
                + "unhealthy: standby, use1-a, use1-b", failover["summary"]!.GetValue<string>());
        }
        finally
        {
            using var http = new HttpClient();
            await http.DeleteAsync(new Uri(stack.EdgeUrl, LocalControlEndpoints.HealthStatusPath));
            await stack.ForgetAsync(Tree);
        }
    }

    private static IReadOnlyList<string> Nodes(JsonNode answer) => answer["nodes"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();

    private async Task<JsonNode> SetStatusAsync(string healthCheckId, string status)
    {
        using var http = new HttpClient();
        var body = new JsonObject { ["healthCheckId"] = healthCheckId, ["status"] = status }.ToJsonString();
        using var response = await http.PostAsync(new Uri(stack.EdgeUrl, LocalControlEndpoints.HealthStatusPath),
            new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The tree's health checks by the node their <c>failover:node</c> tag names.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ChecksByNodeAsync()
    {
        var ids = (await stack.AwsJsonAsync("route53", "list-health-checks")).GetProperty("HealthChecks").EnumerateArray()
            .Select(h => h.GetProperty("Id").GetString()!).ToList();
        var byNode = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var tags = (await stack.AwsJsonAsync(
                    "route53", "list-tags-for-resource", "--resource-type", "healthcheck", "--resource-id", id))
                .GetProperty("ResourceTagSet").GetProperty("Tags").EnumerateArray()
                .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
            if (tags.GetValueOrDefault("failover:tree") == Tree) byNode[tags["failover:node"]] = id;
        }
        Assert.Equal(["standby", "use1-a", "use1-b"], byNode.Keys.Order(StringComparer.Ordinal));
        return byNode;
    }
}
