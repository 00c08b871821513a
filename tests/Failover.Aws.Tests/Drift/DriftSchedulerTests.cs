using Failover.Aws.Clients;
using Failover.Service.Ports;
using Amazon.SQS.Model;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Tests.Progress;
using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Aws.Tests.Drift;

/// <summary>The scheduler against moto's DynamoDB and SQS; partial batch failures through a stand-in in front of moto's SQS.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DriftSchedulerTests(MotoFixture moto)
{
    [Fact]
    public async Task Every_cycle_emits_DriftChecksScheduled_even_with_no_active_tree_so_a_stopped_scheduler_shows_as_missing_data()
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        using var sqs = DriftTestStores.Sqs(moto);
        var queue = await DriftTestStores.NewQueueAsync(sqs);
        var metrics = new StringWriter();
        var scheduler = new DriftScheduler(store, SqsMessageBatches.For(sqs), queue, time) { Metrics = new DriftMetrics(metrics) };

        await scheduler.RunAsync();
        await DriftTestStores.RecordAppliedAsync(store, Spec("tree-a"), time);
        await scheduler.RunAsync();

        var lines = metrics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([0, 1], lines.Select(l => l.GetProperty(DriftMetrics.ScheduledMetricName).GetInt32()));
        var directive = lines[0].GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal(DriftMetrics.Namespace, directive.GetProperty("Namespace").GetString());
        // No dimension: one series for the whole deployment, the one the alarm watches.
        Assert.Equal(0, directive.GetProperty("Dimensions")[0].GetArrayLength());
        Assert.Equal(DriftMetrics.ScheduledMetricName, directive.GetProperty("Metrics")[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Trees_go_one_message_per_zone_split_past_the_per_message_bound_in_batches_of_ten_and_unapplied_trees_none()
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        using var sqs = DriftTestStores.Sqs(moto);
        var queue = await DriftTestStores.NewQueueAsync(sqs);
        // 23 trees share one zone; 12 more have a zone each.
        var shared = Enumerable.Range(0, 23).Select(i => $"tree-{i:D2}").ToList();
        var single = Enumerable.Range(0, 12).Select(i => $"solo-{i:D2}").ToList();
        foreach (var name in shared) await DriftTestStores.RecordAppliedAsync(store, Spec(name), time);
        foreach (var name in single) await DriftTestStores.RecordAppliedAsync(store, InOwnZone(name), time);
        await store.PutVersionAsync(TreeDescriptor.From(Spec("never-applied")), SpecJsonWriter.Write(Spec("never-applied")));

        var calls = new List<int>();
        var send = SqsMessageBatches.For(sqs);
        var scheduler = new DriftScheduler(store, (queueUrl, messages, token) =>
        {
            calls.Add(messages.Count);
            return send(queueUrl, messages, token);
        }, queue, time) { TreesPerMessage = 10 };
        var result = await scheduler.RunAsync();

        Assert.True(result.Succeeded);
        Assert.Equal(35, result.Scheduled);
        Assert.Equal(15, result.Messages);
        Assert.Equal(1, result.Skipped);
        Assert.Equal([10, 5], calls);
        var orders = (await DriftTestStores.DrainAsync(sqs, queue)).Select(DriftMessage.Read).ToList();
        var sharedZone = Spec("x").HostedZoneId;
        Assert.Equal([3, 10, 10], orders.Where(o => o.HostedZoneId == sharedZone).Select(o => o.Trees.Count).Order());
        Assert.Equal(shared, orders.Where(o => o.HostedZoneId == sharedZone).SelectMany(o => o.Trees).Order());
        Assert.All(orders.Where(o => o.HostedZoneId != sharedZone), o => Assert.Equal(InOwnZone(o.Trees.Single()).HostedZoneId,
            o.HostedZoneId));
    }

    [Fact]
    public void The_largest_message_fits_SQS_and_a_batch_stays_within_its_total()
    {
        // The longest tree names the schema allows (64 characters), as many as one message takes.
        var names = Enumerable.Range(0, DriftScheduler.MaxTreesPerMessage).Select(i => $"{i:D4}".PadRight(64, 'x')).ToList();
        var body = DriftMessage.Write("Z" + new string('A', 31), names);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(body) < DriftScheduler.MaxBatchBytes / 4);
        Assert.Equal(names, DriftMessage.Read(body).Trees);
    }

    [Fact]
    public async Task Entries_that_fail_for_SQS_reasons_are_sent_again_and_sender_faults_are_reported_by_tree()
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        using var sqs = DriftTestStores.Sqs(moto);
        var queue = await DriftTestStores.NewQueueAsync(sqs);
        // A zone each, so each tree is a message of its own.
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) await DriftTestStores.RecordAppliedAsync(store, InOwnZone(name), time);

        // The first call delivers a, c and e and fails b (SQS's fault) and d (the sender's); later calls go through.
        var calls = new List<List<string>>();
        var send = SqsMessageBatches.For(sqs);
        var scheduler = new DriftScheduler(store, async (queueUrl, messages, token) =>
        {
            calls.Add(messages.Select(e => DriftMessage.Read(e.Body).Trees.Single()).ToList());
            if (calls.Count > 1) return await send(queueUrl, messages, token);
            var failing = new Dictionary<string, bool> { ["b"] = false, ["d"] = true };
            var delivered = await send(queueUrl,
                messages.Where(e => !failing.ContainsKey(DriftMessage.Read(e.Body).Trees.Single())).ToList(), token);
            return delivered with
            {
                Failed = messages.Where(e => failing.ContainsKey(DriftMessage.Read(e.Body).Trees.Single()))
                    .Select(e => new QueueMessageFailure(e.Id, "InternalError", "try again",
                        failing[DriftMessage.Read(e.Body).Trees.Single()]))
                    .ToList(),
            };
        }, queue, time) { RetryDelay = TimeSpan.Zero };

        var result = await scheduler.RunAsync();

        Assert.Equal(4, result.Scheduled);
        var failure = Assert.Single(result.Failed);
        Assert.Equal("d", failure.Tree);
        Assert.Contains("InternalError", failure.Reason);
        Assert.Equal([["a", "b", "c", "d", "e"], ["b"]], calls);
        Assert.Equal(["a", "b", "c", "e"],
            (await DriftTestStores.DrainAsync(sqs, queue)).Select(b => DriftMessage.Read(b).Trees.Single()).Order());
    }

    [Fact]
    public async Task A_batch_that_keeps_failing_is_reported_after_the_last_attempt_and_the_next_batch_still_goes()
    {
        var (store, _, time) = await ProgressTestStores.NewAsync(moto);
        using var sqs = DriftTestStores.Sqs(moto);
        var queue = await DriftTestStores.NewQueueAsync(sqs);
        var names = Enumerable.Range(0, 12).Select(i => $"t{i:D2}").ToList();
        foreach (var name in names) await DriftTestStores.RecordAppliedAsync(store, InOwnZone(name), time);

        var calls = 0;
        // The SQS client refuses the whole call: the port's adapter turns the SDK's exception into the service's.
        using var refusing = new RefusingSqs(moto, entries => entries == 10,
            new Amazon.SQS.AmazonSQSException("the service is unavailable") { ErrorCode = "ServiceUnavailable" });
        var send = SqsMessageBatches.For(refusing);
        var scheduler = new DriftScheduler(store, (queueUrl, messages, token) =>
        {
            calls++;
            return send(queueUrl, messages, token);
        }, queue, time) { RetryDelay = TimeSpan.Zero, MaxAttempts = 2 };

        var result = await scheduler.RunAsync();

        Assert.Equal(2, result.Scheduled);
        Assert.Equal(names.Take(10), result.Failed.Select(f => f.Tree));
        Assert.All(result.Failed, f => Assert.Contains("ServiceUnavailable", f.Reason));
        Assert.Equal(3, calls);
        Assert.Equal(names.Skip(10),
            (await DriftTestStores.DrainAsync(sqs, queue)).Select(b => DriftMessage.Read(b).Trees.Single()).Order());
    }

    private static TreeSpec Spec(string name) =>
        SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "192.0.2.1"), name);

    private static TreeSpec InOwnZone(string name) => Spec(name) with { HostedZoneId = "Z" + name.ToUpperInvariant().Replace("-", "") };

    /// <summary>moto's SQS, except that SendMessageBatch calls the predicate picks are refused with the given error.</summary>
    private sealed class RefusingSqs(MotoFixture moto, Func<int, bool> refuse, Exception error) : Amazon.SQS.AmazonSQSClient(
        new Amazon.Runtime.BasicAWSCredentials("testing", "testing"),
        new Amazon.SQS.AmazonSQSConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = "us-east-1" })
    {
        public override Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request,
            CancellationToken cancellationToken = default) =>
            refuse(request.Entries.Count) ? throw error : base.SendMessageBatchAsync(request, cancellationToken);
    }
}
