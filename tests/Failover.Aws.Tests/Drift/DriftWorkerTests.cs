using Failover.Service.Drift;

namespace Failover.Aws.Tests.Drift;

/// <summary>The worker's batch logic: each message succeeds or fails on its own.</summary>
[Trait("Category", "Unit")]
public sealed class DriftWorkerTests
{
    private static DriftWorkItem Message(string id, string tree) => new(id, DriftMessage.Write(tree));

    [Fact]
    public async Task Only_the_messages_whose_check_failed_are_reported_and_the_rest_of_the_batch_still_runs()
    {
        var checkedTrees = new List<string>();
        var failures = new List<(string, Exception)>();
        var worker = new DriftWorker((tree, _) =>
        {
            checkedTrees.Add(tree);
            return tree == "bad" ? throw new DriftCheckException("the zone is gone")
                : Task.FromResult(new DriftCheckResult(tree, null, "test"));
        }) { OnFailure = (item, error) => failures.Add((item.MessageId, error)) };

        var result =
            await worker.ProcessAsync([Message("m1", "a"), Message("m2", "bad"), Message("m3", "c"), new DriftWorkItem("m4", "not json")]);

        Assert.Equal(["m2", "m4"], result.FailedMessageIds);
        Assert.Equal(["a", "bad", "c"], checkedTrees);
        Assert.Equal(["a", "c"], result.Results.Select(r => r.Tree));
        Assert.Equal(["m2", "m4"], failures.Select(f => f.Item1));
        Assert.IsType<FormatException>(failures[1].Item2);
    }

    [Fact]
    public async Task When_the_invocation_runs_out_of_time_the_messages_not_done_are_reported_as_failed()
    {
        using var deadline = new CancellationTokenSource();
        var worker = new DriftWorker(async (tree, token) =>
        {
            if (tree == "slow")
            {
                await deadline.CancelAsync();
                token.ThrowIfCancellationRequested();
            }
            return new DriftCheckResult(tree, null, "test");
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
    public void A_body_that_is_not_a_drift_message_is_refused(string body) =>
        Assert.Contains("{\"tree\":\"<name>\"}", Assert.Throws<FormatException>(() => DriftMessage.Read(body)).Message);
}
