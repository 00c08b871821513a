using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.SQS;
using Amazon.SQS.Model;
using Failover.Service.Drift;
using Failover.Service.Workflow;
using Failover.Core.Spec;
using Failover.Local.Aws;
using Failover.Local.Drift;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// The drift worker under load: hundreds of trees applied in one zone, some changed behind their back, then one drift
/// cycle — the schedule queues one message per tree and a poisoned message is put among them. Every tree must get a
/// report (and the right one: the changed trees one drifted item each, the others none), the poisoned message must
/// end in the dead-letter queue and nothing else, and a tree checked twice (a message seen again after its visibility
/// timeout) must come to the same result both times.
/// </summary>
public sealed class DriftLoad : IScenario
{
    public const string PoisonBody = "{\"tree\": 42, \"note\": \"not a drift message\"}";

    public string Name => "drift-load";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("trees applied", Expectation.Info)
            .Declare("trees drifted on purpose", Expectation.AboveZero)
            .Declare("messages scheduled", Expectation.Info)
            .Declare("poisoned messages sent", Expectation.AboveZero)
            .Declare("trees not reported", Expectation.Zero)
            .Declare("reports with the wrong drift", Expectation.Zero)
            .Declare("drift checks", Expectation.Info)
            .Declare("trees checked more than once", Expectation.Info)
            .Declare("trees checked twice to a different result", Expectation.Zero)
            .Declare("worker invocations", Expectation.Info)
            .Declare("messages returned to the queue", Expectation.Info)
            .Declare("messages in the dead-letter queue", Expectation.Info)
            .Declare("poisoned messages not in the dead-letter queue", Expectation.Zero)
            .Declare("healthy messages in the dead-letter queue", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .Declare("Route 53 requests in the cycle", Expectation.Info);

        var count = context.Pick(smoke: 12, full: 300);
        var random = new Random(context.Seed);
        var prefix = $"dl{context.Seed % 1000}";
        var specs = Enumerable.Range(0, count)
            .Select(i =>
                driver.Generate(random.Next(), $"{prefix}-{i}", random.Next(1, 4), new TreeGeneratorOptions { AliasLeafShare = 0 }))
            .OfType<TreeSpec>().Select(s => s with { DriftPolicy = DriftPolicy.Report }).ToList();
        context.Say(Name, $"applying {specs.Count} trees");
        var applied = new List<TreeSpec>();
        foreach (var wave in specs.Chunk(context.Pick(smoke: 8, full: 12)))
        {
            var ends =
                await Task.WhenAll(
                wave.Select(async spec =>
                (Spec: spec,
                End: await driver.WaitAsync(await driver.ApplyAsync(spec, cancellationToken: cancellationToken), cancellationToken))));
            foreach (var (spec, end) in ends)
                if (end.Succeeded) applied.Add(spec);
                else result.Defect("runs not succeeding", $"{spec.Name}: {end}");
        }
        result.Add("trees applied", applied.Count);

        // Drift on purpose: every fourth tree gets one record's TTL changed with the AWS API, behind the service's back.
        var expected = applied.ToDictionary(s => s.Name, _ => 0);
        var zone = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var spec in applied.Where((_, i) => i % 4 == 0))
        {
            var target =
                zone.FirstOrDefault(r =>
                Audit.TreeAudit.IsTreeName(r.Name, spec.RecordName) && r.AliasDnsName is null && r.Type == spec.RecordType);
            if (target is null) continue;
            var changed = XElement.Parse(target.Xml);
            var ttl = changed.Element(MotoReader.Ns + "TTL")!;
            ttl.Value = (long.Parse(ttl.Value) + 1).ToString();
            await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("UPSERT", changed), cancellationToken);
            expected[spec.Name] = 1;
            result.Add("trees drifted on purpose");
        }

        using var sqs =
            new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = stack.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        var resources = stack.Resources;
        await DrainAsync(sqs, resources.DriftDeadLetterQueueUrl, cancellationToken);
        var poller = stack.Local.Drift!.Poller!;
        var countsBefore = poller.Counts;
        var metricsBefore = stack.DriftMetrics.Length;
        var requestsBefore = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests;
        var cycleStart = DateTimeOffset.UtcNow;

        // The cycle: the poisoned message goes in with the schedule's.
        await sqs.SendMessageAsync(resources.DriftQueueUrl, PoisonBody, cancellationToken);
        result.Add("poisoned messages sent");
        var scheduled = await FireScheduleAsync(stack, cancellationToken);
        result.Add("messages scheduled", scheduled);
        context.Say(Name, $"drift cycle: {scheduled} message(s) scheduled, one poisoned");

        var reports = await ReportsAsync(stack, applied, cycleStart, context.Pick(smoke: 180, full: 900), cancellationToken);
        foreach (var spec in applied)
        {
            if (!reports.TryGetValue(spec.Name, out var items)) result.Defect("trees not reported", spec.Name);
            else if (items != expected[spec.Name]) result.Defect(
                "reports with the wrong drift", $"{spec.Name}: {items} drifted item(s), {expected[spec.Name]} made");
        }

        var dead =
            await DeadLettersAsync(sqs, resources.DriftDeadLetterQueueUrl, TimeSpan.FromSeconds(context.Pick(60, 120)), cancellationToken);
        result.Add("messages in the dead-letter queue", dead.Count);
        if (!dead.Contains(PoisonBody)) result.Defect("poisoned messages not in the dead-letter queue", PoisonBody);
        foreach (var body in dead.Where(b => b != PoisonBody)) result.Defect("healthy messages in the dead-letter queue", body);

        // Every check the worker made in the cycle, from its metric lines (one per check); the scheduler's per-cycle
        // DriftChecksScheduled lines share the stream and name no tree.
        var checks = stack.DriftMetrics[metricsBefore..].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!)
            .Where(m => m[DriftMetrics.MetricName] is not null)
                .Select(m => (Tree: m[DriftMetrics.Dimension]!.GetValue<string>(), Items: m[DriftMetrics.MetricName]!.GetValue<int>()))
            .ToList();
        result.Add("drift checks", checks.Count);
        foreach (var tree in checks.GroupBy(c => c.Tree).Where(g => g.Count() > 1))
        {
            result.Add("trees checked more than once");
            if (tree.Select(c => c.Items).Distinct().Count() > 1)
                result.Defect("trees checked twice to a different result", $"{tree.Key}: {string.Join(", ", tree.Select(c => c.Items))}");
        }
        var countsAfter = poller.Counts;
        result.Add("worker invocations", countsAfter.Invocations - countsBefore.Invocations);
        result.Add("messages returned to the queue", countsAfter.Returned - countsBefore.Returned);
        result.Add("Route 53 requests in the cycle", (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests - requestsBefore);

        context.Say(Name, $"tearing down {applied.Count} trees");
        foreach (var wave in applied.Chunk(context.Pick(smoke: 8, full: 12)))
            await Task.WhenAll(wave.Select(async spec =>
            {
                var end = await driver.WaitAsync(await driver.TeardownAsync(spec.Name, cancellationToken), cancellationToken);
                if (!end.Succeeded) result.Note($"{spec.Name}: teardown {end}");
            }));
        return result;
    }

    private static async Task<int> FireScheduleAsync(ReliabilityStack stack, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(stack.EdgeUrl, DriftScheduleEndpoint.Path), null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the drift schedule failed: {body}");
        return JsonNode.Parse(body)!["response"]!["scheduled"]!.GetValue<int>();
    }

    /// <summary>Drifted item counts of the trees whose report is from this cycle, once all are in (or time is up).</summary>
    private static async Task<Dictionary<string, int>> ReportsAsync(
        ReliabilityStack stack, IReadOnlyList<TreeSpec> trees, DateTimeOffset since, int patienceSeconds,
            CancellationToken cancellationToken)
    {
        var reports = new Dictionary<string, int>(StringComparer.Ordinal);
        await Eventually.PollAsync(async token =>
        {
            foreach (var tree in trees.Where(t => !reports.ContainsKey(t.Name)))
                if (await stack.Store.GetDriftReportAsync(tree.Name, token) is { } report && report.CheckedAt >= since)
                    reports[tree.Name] = report.DriftedItems;
            return reports.Count;
        }, count => count == trees.Count, TimeSpan.FromSeconds(patienceSeconds), TimeSpan.FromSeconds(1), cancellationToken);
        return reports;
    }

    /// <summary>Bodies that reached the dead-letter queue, waiting until at least one has (or time is up) and a quiet second
    /// after.</summary>
    private static async Task<List<string>> DeadLettersAsync(IAmazonSQS sqs, string url, TimeSpan patience,
        CancellationToken cancellationToken)
    {
        var bodies = new List<string>();
        // Each receive waits a second itself (long polling): an empty one after some arrived is the quiet second.
        await Eventually.PollAsync(async token =>
        {
            var received = await sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, token);
            foreach (var message in received.Messages ?? [])
            {
                bodies.Add(message.Body);
                await sqs.DeleteMessageAsync(url, message.ReceiptHandle, token);
            }
            return received.Messages?.Count ?? 0;
        }, receivedNow => receivedNow == 0 && bodies.Count > 0, patience, TimeSpan.Zero, cancellationToken);
        return bodies;
    }

    private static async Task DrainAsync(IAmazonSQS sqs, string url, CancellationToken cancellationToken)
    {
        while ((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 },
            cancellationToken)).Messages is { Count: > 0 } messages)
            foreach (var message in messages) await sqs.DeleteMessageAsync(url, message.ReceiptHandle, cancellationToken);
    }
}
