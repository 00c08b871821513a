using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.Service.Drift;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Drift;

/// <summary>
/// The drift check of one tree (the API's and the CLI's check, and a tree attached in other zones within a zone's message)
/// reads the tree again after its zone: a run that started or finished during the read is not drift. The tree is read
/// again once; changed again, it is skipped.
/// </summary>
[Trait("Category", "Unit")]
public sealed class TreeDriftCheckTests
{
    [Fact]
    public async Task A_run_that_finishes_while_the_zone_is_read_is_not_reported_as_drift_and_the_tree_is_read_again()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec("www"));
        // The check has loaded version 1; before its first read of Route 53, version 2 is applied to its end.
        h.Route53.BeforeRequest = async _ =>
        {
            h.Route53.BeforeRequest = null;
            await h.AppliedAsync(h.Spec("www", secondary: "192.0.2.98"), force: true);
        };

        var result = await Check(h).RunAsync("www");

        Assert.Null(h.Route53.BeforeRequest);
        Assert.True(result.Checked, result.SkippedBecause);
        Assert.False(result.Report!.HasDrift, string.Join("\n", result.Report.Items));
        Assert.Equal(2, result.Report.Version);
        Assert.Equal(0, (await h.Store.GetDriftReportAsync("www"))!.DriftedItems);
    }

    [Fact]
    public async Task A_tree_that_changes_during_each_of_two_reads_is_skipped_not_reported()
    {
        var h = new ServiceHarness();
        await h.AppliedAsync(h.Spec("www"));
        var secondaries = new Queue<string>(["192.0.2.98", "192.0.2.97"]);
        h.Route53.BeforeRequest = async operation =>
        {
            if (operation != "ListResourceRecordSets" || !secondaries.TryDequeue(out var secondary)) return;
            var hook = h.Route53.BeforeRequest;
            h.Route53.BeforeRequest = null;
            await h.AppliedAsync(h.Spec("www", secondary: secondary), force: true);
            h.Route53.BeforeRequest = hook;
        };

        var result = await Check(h).RunAsync("www");

        Assert.Empty(secondaries);
        Assert.False(result.Checked);
        Assert.Contains("changed while its zone was read", result.SkippedBecause);
        Assert.Null(await h.Store.GetDriftReportAsync("www"));
    }

    private static TreeDriftCheck Check(ServiceHarness h) =>
        new(h.Store, h.Route53, new DriftMetrics(new StringWriter()), h.Time, new RunStarterDriftRepair(h.Starter), DriftPolicy.Report);
}
