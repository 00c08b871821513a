using Failover.Core.Diagnostics;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Simulation;

[Trait("Category", "Unit")]
public class SimulatorTests
{
    private static SimulationResult Run(TreeSpec spec, string unhealthy = "", string? region = null, string? location = null) =>
        Simulator.Simulate(spec, new SimulationQuery(
            unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), region, location));

    private static Dictionary<string, double> Shares(SimulationResult result) =>
        result.Answers.ToDictionary(a => a.NodeId, a => Math.Round(a.Probability, 9));

    [Fact]
    public void A_record_without_health_check_stays_healthy_and_marking_it_is_a_warning()
    {
        var spec = Tree(Weighted("w", Endpoint("plain", healthChecked: false).W(1), Endpoint("checked").W(1)));

        var result = Run(spec, "plain");

        Assert.False(result.HasErrors);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("$.root.children[0]", warning.Path);
        Assert.Contains("no health check", warning.Message);
        Assert.Equal(new() { ["plain"] = 0.5, ["checked"] = 0.5 }, Shares(result));
    }

    [Fact]
    public void Unknown_unhealthy_id_is_an_error_naming_it_and_gives_no_answers()
    {
        var result = Run(Complex(), "use1-a,nope");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Contains("'nope'", error.Message);
        Assert.Contains("use1-a", error.Message);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Weighted_shares_queries_by_weight()
    {
        var spec = Tree(Weighted("w", Endpoint("a").W(3), Endpoint("b").W(1)));

        Assert.Equal(new() { ["a"] = 0.75, ["b"] = 0.25 }, Shares(Run(spec)));
    }

    [Fact]
    public void Weighted_leaves_out_unhealthy_records()
    {
        var spec = Tree(Weighted("w", Endpoint("a").W(2), Endpoint("b").W(1), Endpoint("c").W(1)));

        Assert.Equal(new() { ["b"] = 0.5, ["c"] = 0.5 }, Shares(Run(spec, "a")));
    }

    [Fact]
    public void Weight_zero_records_answer_only_when_every_non_zero_one_is_unhealthy()
    {
        var spec = Tree(Weighted("w", Endpoint("main").W(10), Endpoint("spare1").W(0), Endpoint("spare2").W(0)));

        Assert.Equal(new() { ["main"] = 1.0 }, Shares(Run(spec)));
        var failed = Run(spec, "main");
        Assert.Equal(new() { ["spare1"] = 0.5, ["spare2"] = 0.5 }, Shares(failed));
        Assert.Contains(failed.Notes, n => n.Contains("weight-0"));
    }

    [Fact]
    public void All_weights_zero_share_equally()
    {
        var spec = Tree(Weighted("w", Endpoint("a").W(0), Endpoint("b").W(0), Endpoint("c").W(0), Endpoint("d").W(0)));

        Assert.Equal(new() { ["a"] = 0.25, ["b"] = 0.25, ["c"] = 0.25, ["d"] = 0.25 }, Shares(Run(spec)));
    }

    [Fact]
    public void A_group_with_no_healthy_record_fails_open()
    {
        var spec = Tree(Weighted("w", Endpoint("a").W(3), Endpoint("b").W(1), Endpoint("z").W(0)));

        var result = Run(spec, "a,b,z");

        Assert.Equal(new() { ["a"] = 0.75, ["b"] = 0.25 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("fails open"));
    }

    [Fact]
    public void Failover_answers_primary_then_secondary_then_primary_again_when_both_fail()
    {
        var spec = Tree(FailoverRule("f", Endpoint("p"), Endpoint("s")));

        Assert.Equal(new() { ["p"] = 1.0 }, Shares(Run(spec)));
        Assert.Equal(new() { ["s"] = 1.0 }, Shares(Run(spec, "p")));
        var both = Run(spec, "p,s");
        Assert.Equal(new() { ["p"] = 1.0 }, Shares(both));
        Assert.Contains(both.Notes, n => n.Contains("both unhealthy"));
    }

    [Fact]
    public void Secondary_without_health_check_answers_when_primary_fails()
    {
        var spec = Tree(FailoverRule("f", Endpoint("p"), Endpoint("s", healthChecked: false)));

        Assert.Equal(new() { ["s"] = 1.0 }, Shares(Run(spec, "p")));
    }

    [Fact]
    public void Alias_evaluating_target_health_fails_when_marked_and_answers_with_its_dns_name()
    {
        var spec = Tree(FailoverRule("f",
            Alias("elb", "my-lb-1.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K"),
            Alias("site", "s3-website-us-east-1.amazonaws.com", "Z3AQBSTGFYJSTF")));

        var healthy = Run(spec);
        Assert.Equal(["my-lb-1.us-east-1.elb.amazonaws.com"], Assert.Single(healthy.Answers).Values);
        var failed = Assert.Single(Run(spec, "elb").Answers);
        Assert.Equal("site", failed.NodeId);
        Assert.Equal(["s3-website-us-east-1.amazonaws.com"], failed.Values);
    }

    [Fact]
    public void Alias_without_evaluate_target_health_is_always_healthy()
    {
        var spec =
            Tree(
            FailoverRule("f", Alias("cdn", "d111111abcdef8.cloudfront.net", "Z2FDTNDATAQYW2", evaluateTargetHealth: false), Endpoint("s")));

        var result = Run(spec, "cdn");

        Assert.Equal(new() { ["cdn"] = 1.0 }, Shares(result));
        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains("does not evaluate target health"));
    }

    [Fact]
    public void Nested_rule_is_healthy_while_any_of_its_records_is()
    {
        var spec = Tree(FailoverRule("f", Weighted("pool", Endpoint("a").W(1), Endpoint("b").W(1)), Endpoint("s")));

        Assert.Equal(new() { ["b"] = 1.0 }, Shares(Run(spec, "a")));
        Assert.Equal(new() { ["s"] = 1.0 }, Shares(Run(spec, "a,b")));
    }

    [Fact]
    public void Marking_a_rule_unhealthy_is_a_warning_and_ignored()
    {
        var result = Run(Complex(), "use1");

        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Equal("$.root.primary.children[0]", warning.Path);
        Assert.Equal(new() { ["use1-a"] = 0.5, ["use1-b"] = 0.5 }, Shares(result));
    }

    [Fact]
    public void Latency_answers_from_the_requested_region_or_the_first()
    {
        var spec = Complex();

        Assert.Equal(new() { ["use1-a"] = 0.5, ["use1-b"] = 0.5 }, Shares(Run(spec)));
        Assert.Equal(new() { ["apse2-a"] = 0.75, ["apse2-b"] = 0.25 }, Shares(Run(spec, region: "ap-southeast-2")));
    }

    [Fact]
    public void Latency_moves_to_the_next_region_when_the_best_is_unhealthy_and_says_so()
    {
        var spec = Complex();

        var result = Run(spec, "apse2-a,apse2-b", region: "ap-southeast-2");

        Assert.Equal(new() { ["use1-a"] = 0.5, ["use1-b"] = 0.5 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("next-best region") && n.Contains("us-east-1"));
    }

    [Fact]
    public void Latency_for_a_region_without_a_record_assumes_the_first_and_says_so()
    {
        var result = Run(Complex(), region: "eu-west-1");

        Assert.Equal(new() { ["use1-a"] = 0.5, ["use1-b"] = 0.5 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("no latency record for region eu-west-1"));
    }

    [Fact]
    public void Every_region_down_fails_over_to_the_secondary()
    {
        var result = Run(Complex(), "use1-a,use1-b,apse2-a,apse2-b");

        Assert.Equal(new() { ["sorry"] = 1.0 }, Shares(result));
    }

    private static TreeSpec GeoTree(bool withDefault = true)
    {
        var children = new List<TreeNode>
        {
            Endpoint("california", "192.0.2.1").Country("US", "CA"),
            Endpoint("usa", "192.0.2.2").Country("US"),
            Endpoint("germany", "192.0.2.3").Country("DE"),
            Endpoint("europe", "192.0.2.4").Continent("EU"),
            Endpoint("namibia", "192.0.2.6").Country("NA"),
            Endpoint("north-america", "192.0.2.7").Continent("NA"),
        };
        if (withDefault) children.Add(Endpoint("anywhere", "192.0.2.5").Default());
        return Tree(Geo("geo", children.ToArray()));
    }

    [Theory]
    [InlineData("DE", "germany")]
    [InlineData("de", "germany")]
    [InlineData("FR", "europe")]
    [InlineData("US-CA", "california")]
    [InlineData("US-TX", "usa")]
    [InlineData("US", "usa")]
    [InlineData("CA", "north-america")]
    [InlineData("continent:EU", "europe")]
    [InlineData("EU", "europe")]
    [InlineData("continent:NA", "north-america")]
    [InlineData("JP", "anywhere")]
    [InlineData("*", "anywhere")]
    public void Geolocation_answers_with_the_most_specific_location(string location, string expected)
    {
        Assert.Equal(new() { [expected] = 1.0 }, Shares(Run(GeoTree(), location: location)));
    }

    [Fact]
    public void Geolocation_without_a_location_answers_from_the_default()
    {
        Assert.Equal(new() { ["anywhere"] = 1.0 }, Shares(Run(GeoTree())));
    }

    [Fact]
    public void A_code_that_is_both_country_and_continent_is_read_as_the_country_with_a_note()
    {
        var result = Run(GeoTree(), location: "NA");

        Assert.Equal(new() { ["namibia"] = 1.0 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("continent:NA"));
    }

    [Fact]
    public void Unhealthy_geolocation_falls_back_to_the_larger_region()
    {
        var spec = GeoTree();

        Assert.Equal(new() { ["usa"] = 1.0 }, Shares(Run(spec, "california", location: "US-CA")));
        Assert.Equal(new() { ["north-america"] = 1.0 }, Shares(Run(spec, "california,usa", location: "US-CA")));
        Assert.Equal(new() { ["anywhere"] = 1.0 }, Shares(Run(spec, "germany,europe", location: "DE")));
        var all = Run(spec, "germany,europe,anywhere", location: "DE");
        Assert.Equal(new() { ["germany"] = 1.0 }, Shares(all));
        Assert.Contains(all.Notes, n => n.Contains("most specific"));
    }

    [Fact]
    public void Geolocation_without_match_or_default_returns_no_answer()
    {
        var result = Run(GeoTree(withDefault: false), location: "JP");

        Assert.Empty(result.Answers);
        Assert.Equal(1.0, result.NoAnswerProbability);
        Assert.Contains(result.Notes, n => n.Contains("no answer"));
    }

    [Theory]
    [InlineData("Germany")]
    [InlineData("ZZ")]
    [InlineData("continent:XX")]
    [InlineData("US-CALIFORNIA")]
    public void A_location_that_names_no_place_is_an_error(string location)
    {
        var result = Run(GeoTree(), location: location);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal("location", error.Path);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public void Multivalue_returns_every_healthy_record_each_one_of_the_set()
    {
        var spec =
            Tree(
            Multivalue("mv", Endpoint("a", "192.0.2.1"), Endpoint("b", "192.0.2.2"), Endpoint("c", "192.0.2.3"),
            Endpoint("d", "192.0.2.4", healthChecked: false)));

        var result = Run(spec, "b");

        var third = Math.Round(1 / 3.0, 9);
        Assert.Equal(new() { ["a"] = third, ["c"] = third, ["d"] = third }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("together"));
    }

    [Fact]
    public void Multivalue_with_more_than_eight_healthy_records_returns_eight_at_random()
    {
        var leaves = Enumerable.Range(1, 10).Select(i => Endpoint($"ip{i}", $"192.0.2.{i}")).ToArray();

        var result = Run(Tree(Multivalue("mv", leaves)));

        Assert.Equal(10, result.Answers.Count);
        Assert.All(result.Answers, a => Assert.Equal(0.1, a.Probability, 9));
        Assert.Contains(result.Notes, n => n.Contains("8 of these 10"));
    }

    [Fact]
    public void Multivalue_fails_open_when_every_record_is_unhealthy()
    {
        var spec = Tree(Multivalue("mv", Endpoint("a"), Endpoint("b")));

        var result = Run(spec, "a,b");

        Assert.Equal(new() { ["a"] = 0.5, ["b"] = 0.5 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("fails open"));
    }

    [Fact]
    public void Probabilities_multiply_down_nested_rules_and_sum_to_one()
    {
        var spec = Tree(Weighted("top",
            Weighted("left", Endpoint("l1").W(1), Endpoint("l2").W(3)).W(1),
            Multivalue("right", Endpoint("r1"), Endpoint("r2"), Endpoint("r3")).W(1)));

        var shares = Shares(Run(spec, "r3"));

        Assert.Equal(0.125, shares["l1"]);
        Assert.Equal(0.375, shares["l2"]);
        Assert.Equal(0.25, shares["r1"]);
        Assert.Equal(0.25, shares["r2"]);
        Assert.Equal(1.0, shares.Values.Sum(), 9);
    }

    [Fact]
    public void A_single_record_tree_answers_whatever_its_health()
    {
        var result = Run(Tree(Endpoint("only")), "only");

        Assert.Equal(new() { ["only"] = 1.0 }, Shares(result));
        Assert.Contains(result.Notes, n => n.Contains("single record"));
    }
}
