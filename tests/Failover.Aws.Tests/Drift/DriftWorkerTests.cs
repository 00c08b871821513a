using Failover.Service.Drift;

namespace Failover.Aws.Tests.Drift;

/// <summary>The worker's batch logic: each message — one zone's trees — succeeds or fails on its own.</summary>
[Trait("Category", "Unit")]
public sealed class DriftWorkerTests
{
    private static DriftWorkItem Message(string id, params string[] trees) => new(id, DriftMessage.Write("Z1", trees));

    private static ZoneDriftResult Checked(DriftWorkOrder order, params string[] failing) => new(order.HostedZoneId,
        order.Trees.Where(t => !failing.Contains(t)).Select(t => new DriftCheckResult(t, null, "test")).ToList(),
        failing.Select(t => new ZoneDriftFailure(t, new DriftCheckException($"{t}: the repair could not start"))).ToList(),
        new DriftRequestCounts());

    [Fact]
    public async Task Only_the_messages_whose_check_failed_are_reported_and_the_rest_of_the_batch_still_runs()
    {
        var orders = new List<DriftWorkOrder>();
        var failures = new List<(string, Exception)>();
        var worker = new DriftWorker((order, _) =>
        {
            orders.Add(order);
            return order.Trees.Contains("gone") ? throw new DriftCheckException("the zone is gone")
                : Task.FromResult(Checked(order, [.. order.Trees.Where(t => t.StartsWith("bad", StringComparison.Ordinal))]));
        }) { OnFailure = (item, error) => failures.Add((item.MessageId, error)) };

        var result = await worker.ProcessAsync([Message("m1", "a", "b"), Message("m2", "gone"), Message("m3", "c", "bad1", "d"),
            new DriftWorkItem("m4", "not json"), new DriftWorkItem("m5", "{\"tree\":\"old\"}")]);

        Assert.Equal(["m2", "m3", "m4"], result.FailedMessageIds);
        Assert.Equal(["a", "b", "c", "d", "old"], result.Results.Select(r => r.Tree));
        Assert.Equal(["m2", "m3", "m4"], failures.Select(f => f.Item1));
        Assert.IsType<FormatException>(failures[2].Item2);
        // A message of the per-tree format still in the queue after an update: one tree, no zone.
        Assert.Equal(new DriftWorkOrder(null, ["old"]).Trees, orders[^1].Trees);
        Assert.Null(orders[^1].HostedZoneId);
    }

    [Fact]
    public async Task When_the_invocation_runs_out_of_time_the_messages_not_done_are_reported_as_failed()
    {
        using var deadline = new CancellationTokenSource();
        var worker = new DriftWorker(async (order, token) =>
        {
            if (order.Trees.Contains("slow"))
            {
                await deadline.CancelAsync();
                token.ThrowIfCancellationRequested();
            }
            return Checked(order);
        });

        var result = await worker.ProcessAsync([Message("m1", "a"), Message("m2", "slow"), Message("m3", "c")], deadline.Token);

        Assert.Equal(["m2", "m3"], result.FailedMessageIds);
        Assert.Equal(["a"], result.Results.Select(r => r.Tree));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"tree\":\"\"}")]
    [InlineData("{\"tree\":5}")]
    [InlineData("[\"www\"]")]
    [InlineData("{\"zone\":\"Z1\",\"trees\":[]}")]
    [InlineData("{\"zone\":\"Z1\",\"trees\":[\"a\",7]}")]
    [InlineData("{\"zone\":5,\"trees\":[\"a\"]}")]
    public void A_body_that_is_not_a_drift_message_is_refused(string body) =>
        Assert.Contains("{\"tree\":\"<name>\"}", Assert.Throws<FormatException>(() => DriftMessage.Read(body)).Message);

    [Fact]
    public void A_zone_message_reads_back_as_written()
    {
        var order = DriftMessage.Read(DriftMessage.Write("Z123", ["a", "b"]));
        Assert.Equal("Z123", order.HostedZoneId);
        Assert.Equal(["a", "b"], order.Trees);
    }
}
