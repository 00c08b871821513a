using Failover.Core.Simulation;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Simulation;

[Trait("Category", "Unit")]
public sealed class TreeAnswersTests
{
    private static readonly HashSet<string> None = [];

    private static HashSet<string> Unhealthy(params string[] ids) => [.. ids];

    [Fact]
    public void A_weighted_member_failing_narrows_the_answer_for_every_client()
    {
        var spec = Tree(Weighted("root", Endpoint("a", "192.0.2.1").W(10), Endpoint("b", "192.0.2.2").W(10),
            Endpoint("zero", "192.0.2.3").W(0)));

        var change = TreeAnswers.Compare(spec, None, Unhealthy("a"));

        Assert.NotNull(change);
        Assert.Equal(["b"], Assert.Single(change.After).Nodes);
        Assert.Equal(["a", "b"], Assert.Single(change.Before).Nodes);
        Assert.Equal("www.example.com now answers from `b` (w=10, 192.0.2.2) for every client; unhealthy: a", change.Summary);
    }

    [Fact]
    public void A_weight_0_member_or_an_endpoint_without_a_health_check_failing_changes_nothing()
    {
        var spec = Tree(Weighted("root", Endpoint("a").W(10), Endpoint("zero", "192.0.2.3").W(0),
            Endpoint("unchecked", "192.0.2.4", healthChecked: false).W(5)));

        Assert.Null(TreeAnswers.Compare(spec, None, Unhealthy("zero")));
        Assert.Null(TreeAnswers.Compare(spec, None, Unhealthy("unchecked")));
    }

    [Fact]
    public void A_latency_tree_names_only_the_regions_whose_answer_moved()
    {
        var spec = Tree(Latency("root",
            FailoverRule("eu", Endpoint("eu-main", "192.0.2.1"), Endpoint("eu-spare", "192.0.2.2")).In("eu-west-1"),
            Endpoint("us", "192.0.2.3").In("us-east-1")));

        var change = TreeAnswers.Compare(spec, None, Unhealthy("eu-main"));

        Assert.NotNull(change);
        Assert.Equal(["nearest eu-west-1", "nearest us-east-1"], change.After.Select(a => a.Location));
        Assert.Equal(["eu-spare"], change.After[0].Nodes);
        Assert.Equal("www.example.com now answers from `eu-spare` (secondary, 192.0.2.2) for clients nearest eu-west-1; "
            + "unhealthy: eu-main", change.Summary);
    }

    [Fact]
    public void Recovery_is_a_change_back_to_the_healthy_answer()
    {
        var spec = Tree(FailoverRule("root", Endpoint("main", "192.0.2.1"), Endpoint("sorry", "198.51.100.1", healthChecked: false)));

        var change = TreeAnswers.Compare(spec, Unhealthy("main"), None);

        Assert.NotNull(change);
        Assert.Equal(["main"], Assert.Single(change.After).Nodes);
        Assert.EndsWith("every health-checked endpoint is healthy again", change.Summary);
    }
}
