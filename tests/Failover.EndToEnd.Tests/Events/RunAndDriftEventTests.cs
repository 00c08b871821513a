using System.Text.Json.Nodes;
using Failover.Core.Contracts.Events;
using Failover.EndToEnd.Tests.Drift;
using Failover.Service.Progress;
using Failover.Testing;

namespace Failover.EndToEnd.Tests.Events;

/// <summary>
/// The events a tree's life publishes on the local stack, read back from <c>GET /_local/events</c> and held to their
/// schemas in docs/events/: a run that succeeds, one that rolls back, drift found and repaired.
/// </summary>
[Collection(DriftStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RunAndDriftEventTests(DriftStackFixture stack)
{
    private string Spec(string name, string policy = "report") => $$"""
        {
          "name": "{{name}}", "hostedZoneId": "{{stack.ZoneId.Split('/').Last()}}", "zoneName": "example.com",
          "recordName": "{{name}}.example.com", "recordType": "A", "ttl": 60, "driftPolicy": "{{policy}}",
          "root": { "id": "root", "routing": "weighted", "children": [
            { "id": "a", "weight": 10, "endpoint": { "values": ["192.0.2.1"] } },
            { "id": "b", "weight": 20, "endpoint": { "values": ["192.0.2.2"] } } ] }
        }
        """;

    [Fact]
    public async Task A_run_that_succeeds_publishes_Run_Started_then_Run_Succeeded_naming_the_tree_and_the_run()
    {
        var spec = await stack.ApplyAsync(Spec("ev-ok"));

        var events = await PublishedEventReader.WaitForAsync(stack.EdgeUrl, "ev-ok",
            e => e.OfType(FailoverEventTypes.RunSucceeded).Count > 0, "Run Succeeded");

        Assert.Equal([FailoverEventTypes.RunStarted, FailoverEventTypes.RunSucceeded],
            events.Select(e => e["detail-type"]!.GetValue<string>()));
        var runId = Detail(events[0])["runId"]!.GetValue<string>();
        foreach (var published in events)
        {
            Assert.Empty(PublishedEventReader.SchemaErrors(published));
            Assert.Equal("failover", published["source"]!.GetValue<string>());
            var detail = Detail(published);
            Assert.Equal(("ev-ok", 1, runId, "APPLY"), (detail["tree"]!.GetValue<string>(), detail["version"]!.GetValue<int>(),
                detail["runId"]!.GetValue<string>(), detail["kind"]!.GetValue<string>()));
            Assert.Equal(spec.HostedZoneId, detail["hostedZoneId"]!.GetValue<string>());
            Assert.Equal([spec.RecordName], detail["recordNames"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal($"/runs/{runId}", detail["link"]!.GetValue<string>());
        }
        Assert.Equal("SUCCEEDED", Detail(events[1])["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_run_that_fails_publishes_Run_Rolled_Back_with_its_cause()
    {
        // A record someone else made where the tree's record "a" goes: the plan refuses it, and the run rolls back.
        var foreign = JsonNode.Parse("""
            {"Name":"ev-conflict.example.com.","Type":"A","SetIdentifier":"a","Weight":1,"TTL":60,
             "ResourceRecords":[{"Value":"203.0.113.9"}]}
            """)!;
        await ChangeAsync("CREATE", foreign);
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"failover-events-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(path, Spec("ev-conflict"));
            var (code, output, error) = await DriftStackFixture.CliAsync("apply", path, "--yes", "--endpoint", stack.EdgeUrl.ToString());
            Assert.True(code != 0, output + error);

            var events = await PublishedEventReader.WaitForAsync(stack.EdgeUrl, "ev-conflict",
                e => e.OfType(FailoverEventTypes.RunRolledBack).Count > 0, "Run Rolled Back");

            Assert.Equal([FailoverEventTypes.RunStarted, FailoverEventTypes.RunRolledBack],
                events.Select(e => e["detail-type"]!.GetValue<string>()));
            foreach (var published in events) Assert.Empty(PublishedEventReader.SchemaErrors(published));
            var detail = Detail(events[1]);
            Assert.Equal("ROLLED_BACK", detail["status"]!.GetValue<string>());
            Assert.Equal("RecordConflict", detail["error"]!.GetValue<string>());
            Assert.Contains("ev-conflict.example.com A [a]", detail["cause"]!.GetValue<string>());
            Assert.Empty(events.OfType(FailoverEventTypes.RunFailed));
        }
        finally
        {
            await ChangeAsync("DELETE", foreign);
            await stack.ForgetAsync("ev-conflict");
        }
    }

    [Fact]
    public async Task Drift_found_publishes_Drift_Detected_once_and_its_repair_publishes_Drift_Repaired()
    {
        var spec = await stack.ApplyAsync(Spec("ev-drift", "repair"));
        var record = await RecordAsync(spec.RecordName, "a");
        var changed = record.DeepClone();
        changed["Weight"] = 77;
        await ChangeAsync("UPSERT", changed);

        await stack.FireScheduleAsync();
        var events = await PublishedEventReader.WaitForAsync(stack.EdgeUrl, "ev-drift",
            e => e.OfType(FailoverEventTypes.DriftRepaired).Count > 0, "Drift Repaired");

        var detected = Detail(Assert.Single(events.OfType(FailoverEventTypes.DriftDetected)));
        Assert.Equal(1, detected["driftedItems"]!.GetValue<int>());
        Assert.Equal(1, detected["kinds"]!["recordChanged"]!.GetValue<int>());
        Assert.Equal("started", detected["repairStatus"]!.GetValue<string>());
        Assert.Equal("/trees/ev-drift/drift", detected["link"]!.GetValue<string>());
        var repairRun = detected["repairRunId"]!.GetValue<string>();
        var repaired = Detail(Assert.Single(events.OfType(FailoverEventTypes.DriftRepaired)));
        Assert.Equal((repairRun, "REPAIR", "SUCCEEDED"),
            (repaired["runId"]!.GetValue<string>(), repaired["kind"]!.GetValue<string>(), repaired["status"]!.GetValue<string>()));
        Assert.True((await stack.RunEndedAsync(repairRun)).Status == RunStatus.Succeeded);
        foreach (var published in events) Assert.Empty(PublishedEventReader.SchemaErrors(published));

        // The zone is back to the tree: the next check finds no drift and publishes nothing more.
        var before = DateTimeOffset.UtcNow;
        await stack.FireScheduleAsync();
        Assert.False((await stack.ReportAfterAsync("ev-drift", before)).HasDrift);
        var after = await PublishedEventReader.WaitForAsync(stack.EdgeUrl, "ev-drift", _ => true, "the events");
        Assert.Single(after.OfType(FailoverEventTypes.DriftDetected));

        // The same events on the tree's timeline, through the HTTP API: newest first, each once, each with its sentence.
        using var http = new HttpClient();
        var publishedIds = after.Select(e => Detail(e)["eventId"]!.GetValue<string>()).Reverse().ToList();
        var timeline = await Eventually.ReachAsync("the timeline of ev-drift", async token =>
            JsonNode.Parse(await http.GetStringAsync(new Uri(stack.Stack.ApiUrl, "/trees/ev-drift/events"), token))!["events"]!
                .AsArray().Select(e => e!.AsObject()).ToList(),
            listed => listed.Count >= publishedIds.Count, within: TimeSpan.FromSeconds(30), every: TimeSpan.FromMilliseconds(200));
        Assert.Equal(publishedIds, timeline.Select(e => e["eventId"]!.GetValue<string>()));
        Assert.Equal(after.Select(e => e["detail-type"]!.GetValue<string>()).Reverse(),
            timeline.Select(e => e["detailType"]!.GetValue<string>()));
        var drift = timeline.Single(e => e["detailType"]!.GetValue<string>() == FailoverEventTypes.DriftDetected);
        Assert.Equal("Drift found: 1 drifted item (recordChanged 1); repair started", drift["summary"]!.GetValue<string>());
        Assert.Equal(repairRun, drift["runId"]!.GetValue<string>());
        var repairedLine = timeline.Single(e => e["detailType"]!.GetValue<string>() == FailoverEventTypes.DriftRepaired);
        Assert.Equal("Drift repaired: the repair run put version 1 back", repairedLine["summary"]!.GetValue<string>());
    }

    private static JsonNode Detail(JsonObject published) => published["detail"]!;

    private async Task<JsonNode> RecordAsync(string name, string setIdentifier)
    {
        var records = (await stack.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", stack.ZoneId))
            .GetProperty("ResourceRecordSets");
        var match = records.EnumerateArray().Single(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == name
            && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == setIdentifier);
        return JsonNode.Parse(match.GetRawText())!;
    }

    private async Task ChangeAsync(string action, JsonNode record)
    {
        var batch = new JsonObject
        {
            ["Changes"] = new JsonArray(new JsonObject { ["Action"] = action, ["ResourceRecordSet"] = record.DeepClone() }),
        };
        await stack.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", stack.ZoneId, "--change-batch",
            batch.ToJsonString());
    }
}
