using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS.Model;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.EndToEnd.Tests.Drift;

/// <summary>
/// Drift detection end to end on the local stack: a tree applied, Route 53 changed behind its back with the AWS CLI,
/// then the scheduled path — schedule → DriftScheduler → SQS → event source mapping → DriftWorker — and the report
/// it stored, read back with <c>failover drift</c>.
/// </summary>
[Collection(DriftStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ScheduledDriftTests(DriftStackFixture stack)
{
    /// <summary>A weighted root (so a foreign weighted record can join its group) over three checked endpoints and a nested failover
    /// rule.</summary>
    private string Spec(string name, string policy, string? zoneId = null, string zone = "example.com") => $$"""
        {
          "name": "{{name}}", "hostedZoneId": "{{(zoneId ?? stack.ZoneId).Split('/').Last()}}", "zoneName": "{{zone}}",
          "recordName": "{{name}}.{{zone}}", "recordType": "A", "ttl": 60, "driftPolicy": "{{policy}}",
          "healthCheckDefaults": { "type": "HTTP", "port": 80, "path": "/health" },
          "root": { "id": "root", "routing": "weighted", "children": [
            { "id": "a", "weight": 10, "endpoint": { "values": ["192.0.2.1"], "healthCheck": {} } },
            { "id": "b", "weight": 20, "endpoint": { "values": ["192.0.2.2"], "healthCheck": {} } },
            { "id": "c", "weight": 30, "endpoint": { "values": ["192.0.2.3"], "healthCheck": {} } },
            { "id": "pair", "weight": 5, "routing": "failover",
              "primary": { "id": "main", "endpoint": { "values": ["198.51.100.1"], "healthCheck": {} } },
              "secondary": { "id": "spare", "endpoint": { "values": ["198.51.100.2"] } } } ] }
        }
        """;

    [Fact]
    public async Task The_scheduled_path_reports_exactly_the_changes_made_out_of_band()
    {
        var spec = await stack.ApplyAsync(Spec("shop", "report"));
        var record = spec.RecordName;
        var checkOfC = await HealthCheckIdAsync(record, "c");

        await ChangeAsync("UPSERT", With(await RecordAsync(record, "a"), "Weight", 99));
        await ChangeAsync("DELETE", await RecordAsync(record, "b"));
        var foreign =
            JsonNode.Parse(
                $$"""{"Name":"{{record}}.","Type":"A","SetIdentifier":"canary","Weight":1,"TTL":60,"ResourceRecords":""" +
                $$"""[{"Value":"203.0.113.7"}]}""")!;
        await ChangeAsync("CREATE", foreign);
        await stack.AwsJsonAsync("route53", "delete-health-check", "--health-check-id", checkOfC);

        var before = DateTimeOffset.UtcNow;
        var scheduled = await stack.FireScheduleAsync();
        Assert.True(scheduled["scheduled"]!.GetValue<int>() >= 1);
        var report = await stack.ReportAfterAsync("shop", before);

        var key = (string id) => new RecordKey(record, "A", id);
        Assert.Equal(
            [
                new DriftItem(DriftKind.RecordChanged) { Record = key("a"), NodeId = "a",
                    Fields = [new FieldDifference("weight", "10", "99")] },
                new DriftItem(DriftKind.RecordMissing) { Record = key("b"), NodeId = "b" },
                new DriftItem(DriftKind.RecordHealthCheckDeleted) { Record = key("c"), NodeId = "c", HealthCheckId = checkOfC },
                new DriftItem(DriftKind.RecordExtra) { Record = key("canary"), Place = ExtraRecordPlace.TreeGroup, Owned = false },
                report.Items.Single(i => i.Kind == DriftKind.HealthCheckMissing),
            ],
            report.Items.OrderBy(i => i.Kind == DriftKind.HealthCheckMissing).ThenBy(i => i.Record?.SetIdentifier, StringComparer.Ordinal));
        Assert.Equal("c", report.Items.Single(i => i.Kind == DriftKind.HealthCheckMissing).NodeId);
        Assert.Null(report.Repair);
        Assert.Contains(stack.Metrics.Split('\n'), line => line.Contains("\"Tree\":\"shop\"") && line.Contains("\"DriftedItems\":5"));

        // The CLI shows the stored report.
        var shown = await DriftStackFixture.CliAsync("drift", "shop", "--json", "--endpoint", stack.EdgeUrl.ToString());
        Assert.True(shown.Code == 0, shown.Error);
        Assert.Equal(5, JsonDocument.Parse(shown.Out).RootElement.GetProperty("driftedItems").GetInt32());
        var text = await DriftStackFixture.CliAsync("drift", "shop", "--endpoint", stack.EdgeUrl.ToString());
        Assert.StartsWith("shop (version 1): 5 drifted item(s)", text.Out);
    }

    [Fact]
    public async Task One_scheduled_cycle_over_several_trees_of_one_zone_reports_drift_on_exactly_the_tree_that_was_changed()
    {
        var names = new[] { "zone-a", "zone-b", "zone-c", "zone-d" };
        var specs = new List<TreeSpec>();
        foreach (var name in names) specs.Add(await stack.ApplyAsync(Spec(name, "report")));
        var changed = specs[2].RecordName;
        await ChangeAsync("UPSERT", With(await RecordAsync(changed, "a"), "Weight", 42));
        var metricsBefore = stack.Metrics.Length;

        var before = DateTimeOffset.UtcNow;
        var scheduled = await stack.FireScheduleAsync();
        var reports = new Dictionary<string, DriftReport>();
        foreach (var name in names) reports[name] = await stack.ReportAfterAsync(name, before);

        // The four trees share the zone: they went out in the zone's one message, with any other tree of the zone.
        Assert.True(scheduled["scheduled"]!.GetValue<int>() >= names.Length);
        Assert.True(scheduled["messages"]!.GetValue<int>() < scheduled["scheduled"]!.GetValue<int>());
        var drifted = Assert.Single(reports, r => r.Value.HasDrift);
        Assert.Equal("zone-c", drifted.Key);
        var item = Assert.Single(drifted.Value.Items);
        Assert.Equal(new DriftItem(DriftKind.RecordChanged)
        {
            Record = new RecordKey(changed, "A", "a"), NodeId = "a", Fields = [new FieldDifference("weight", "10", "42")],
        }, item);
        // The worker's line for the zone's message: how many Route 53 requests its one read of the zone made.
        var zoneLine = stack.Metrics[metricsBefore..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!).First(m => m[DriftMetrics.RequestsMetricName] is not null
                && m[DriftMetrics.ZoneDimension]?.GetValue<string>() == stack.ZoneId.Split('/').Last());
        Assert.True(zoneLine["trees"]!.GetValue<int>() >= names.Length);
        Assert.True(zoneLine["ListHealthChecks"]!.GetValue<int>() >= 1);

        await ChangeAsync("UPSERT", With(await RecordAsync(changed, "a"), "Weight", 10));
    }

    [Fact]
    public async Task With_the_repair_policy_a_workflow_run_converges_the_zone_unless_a_foreign_record_blocks_it()
    {
        var spec = await stack.ApplyAsync(Spec("api", "repair"));
        var record = spec.RecordName;
        var original = await RecordAsync(record, "a");
        await ChangeAsync("UPSERT", With(original, "Weight", 99));
        await ChangeAsync("DELETE", await RecordAsync(record, "b"));
        await stack.AwsJsonAsync("route53", "delete-health-check", "--health-check-id", await HealthCheckIdAsync(record, "c"));
        var foreign =
            JsonNode.Parse(
                $$"""{"Name":"{{record}}.","Type":"A","SetIdentifier":"canary","Weight":1,"TTL":60,"ResourceRecords":""" +
                $$"""[{"Value":"203.0.113.7"}]}""")!;
        await ChangeAsync("CREATE", foreign);

        // A record someone else put in the tree's group: no run may write there, so the repair is blocked and nothing changes.
        var before = DateTimeOffset.UtcNow;
        await stack.FireScheduleAsync();
        var blocked = await stack.ReportAfterAsync("api", before);
        Assert.Equal(5, blocked.DriftedItems);
        Assert.Equal(DriftRepairStatus.Blocked, blocked.Repair!.Status);
        Assert.Contains($"{record} A [canary]", blocked.Repair.Reason);
        Assert.Equal(99, (await RecordAsync(record, "a"))["Weight"]!.GetValue<int>());

        // Once it is gone, the next scheduled check repairs the rest.
        await ChangeAsync("DELETE", foreign);
        before = DateTimeOffset.UtcNow;
        await stack.FireScheduleAsync();
        var repaired = await stack.ReportAfterAsync("api", before);
        Assert.Equal(4, repaired.DriftedItems);
        Assert.Equal(DriftRepairStatus.Started, repaired.Repair!.Status);
        // A normal run of the workflow, of kind REPAIR, on the tree's current version.
        var run = await stack.RunEndedAsync(repaired.Repair.RunId!);
        Assert.True(run.Status == RunStatus.Succeeded, run.Error);
        Assert.Equal(RunKind.Repair, run.Kind);
        Assert.Equal(1, run.Version);

        Assert.Equal(10, (await RecordAsync(record, "a"))["Weight"]!.GetValue<int>());
        Assert.NotNull(await RecordAsync(record, "b"));
        var checks = (await stack.AwsJsonAsync("route53", "list-health-checks")).GetProperty("HealthChecks").EnumerateArray()
            .Select(h => h.GetProperty("Id").GetString()).ToList();
        Assert.Contains(await HealthCheckIdAsync(record, "c"), checks);

        before = DateTimeOffset.UtcNow;
        await stack.FireScheduleAsync();
        var after = await stack.ReportAfterAsync("api", before);
        Assert.False(after.HasDrift, string.Join("\n", after.Items));
        Assert.Null(after.Repair);
    }

    [Fact]
    public async Task A_tree_whose_zone_vanished_ends_in_the_dead_letter_queue_while_the_rest_of_its_batch_succeeds()
    {
        var resources = stack.Stack.Resources!;
        await DrainAsync(resources.DriftDeadLetterQueueUrl);
        await stack.ApplyAsync(Spec("steady", "report"));
        var created =
            await stack.AwsJsonAsync("route53", "create-hosted-zone", "--name", "vanishing.example.org", "--caller-reference",
            Guid.NewGuid().ToString());
        var zoneId = created.GetProperty("HostedZone").GetProperty("Id").GetString()!.Split('/').Last();
        var orphan = await stack.ApplyAsync(Spec("orphan", "report", zoneId, "vanishing.example.org"));
        try
        {
            // The zone goes, records first (Route 53 deletes only empty zones).
            var records = (await stack.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId))
                .GetProperty("ResourceRecordSets")
                .EnumerateArray().Where(r => r.GetProperty("Type").GetString() is not ("NS" or "SOA"))
                    .Select(r => JsonNode.Parse(r.GetRawText())!).ToList();
            var aliases = records.Where(r => r["AliasTarget"] is not null).ToList();
            // moto lists a TTL on alias records, and refuses it back on DELETE.
            foreach (var alias in aliases) alias.AsObject().Remove("TTL");
            foreach (var batch in new[] { aliases, records.Except(aliases).ToList() })
                if (batch.Count > 0) await ChangeAsync(zoneId, batch.Select(r => ("DELETE", r)).ToArray());
            await stack.AwsJsonAsync("route53", "delete-hosted-zone", "--id", zoneId);

            var countsBefore = stack.Stack.Drift!.Poller!.Counts;
            var before = DateTimeOffset.UtcNow;
            var scheduled = await stack.FireScheduleAsync();
            var steady = await stack.ReportAfterAsync("steady", before);
            Assert.False(steady.HasDrift, string.Join("\n", steady.Items));

            var dead = await ReceiveDeadLetterAsync(resources.DriftDeadLetterQueueUrl);
            Assert.Equal(["orphan"], DriftMessage.Read(dead.Body).Trees);
            // Three receives from the drift queue (the redrive policy's maxReceiveCount), then this one from the DLQ.
            Assert.Equal("4", dead.Attributes["ApproximateReceiveCount"]);
            Assert.Null(await stack.Store.GetDriftReportAsync(orphan.Name));

            // Every other message of the pass was deleted after its check; only the orphan's came back, once per receive.
            var counts = stack.Stack.Drift.Poller.Counts;
            Assert.Equal(scheduled["messages"]!.GetValue<int>() - 1, counts.Deleted - countsBefore.Deleted);
            Assert.Equal(3, counts.Returned - countsBefore.Returned);
            var queue =
                await stack.Sqs.GetQueueAttributesAsync(resources.DriftQueueUrl,
                ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
            Assert.Equal(0, queue.ApproximateNumberOfMessages + queue.ApproximateNumberOfMessagesNotVisible);
        }
        finally
        {
            await stack.ForgetAsync(orphan.Name);
        }
    }

    private async Task<Message> ReceiveDeadLetterAsync(string url)
    {
        // Each receive waits a second itself (long polling), so no pause between them.
        var received = await Eventually.ReachAsync($"a message on {url}", token => stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageSystemAttributeNames = ["All"],
            }, token),
            r => r.Messages is { Count: > 0 }, within: TimeSpan.FromSeconds(90), every: TimeSpan.Zero);
        return Assert.Single(received.Messages);
    }

    private async Task DrainAsync(string url)
    {
        while ((await stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 }))
            .Messages is { Count: > 0 } messages)
            foreach (var message in messages) await stack.Sqs.DeleteMessageAsync(url, message.ReceiptHandle);
    }

    private async Task<JsonNode> RecordAsync(string name, string setIdentifier)
    {
        var records = (await stack.AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", stack.ZoneId))
            .GetProperty("ResourceRecordSets");
        var match = records.EnumerateArray().Single(r => r.GetProperty("Name").GetString()!.TrimEnd('.') == name
            && r.TryGetProperty("SetIdentifier", out var id) && id.GetString() == setIdentifier);
        return JsonNode.Parse(match.GetRawText())!;
    }

    private async Task<string> HealthCheckIdAsync(string name, string setIdentifier) =>
        (await RecordAsync(name, setIdentifier))["HealthCheckId"]!.GetValue<string>();

    private static JsonNode With(JsonNode record, string field, int value)
    {
        var copy = record.DeepClone();
        copy[field] = value;
        return copy;
    }

    private Task ChangeAsync(string action, JsonNode record) => ChangeAsync(stack.ZoneId, (action, record));

    private async Task ChangeAsync(string zoneId, params (string Action, JsonNode Record)[] changes)
    {
        var batch = new JsonObject
        {
            ["Changes"] =
                new JsonArray(
                changes.Select(c => (JsonNode)new JsonObject { ["Action"] = c.Action, ["ResourceRecordSet"] = c.Record.DeepClone() })
                .ToArray()),
        };
        await stack.AwsJsonAsync("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch",
            batch.ToJsonString());
    }
}
