using Failover.Core.Contracts;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using static Failover.Core.Tests.Simulation.Trees;

namespace Failover.Core.Tests.Simulation;

/// <summary>
/// Each share names the Route 53 rule that decided it. A nested rule is an alias with Evaluate Target Health to its
/// group, healthy while any record of the group is healthy, whoever asks ("How health checks work in complex Amazon
/// Route 53 configurations"); what a group answers when every record matching the client is unhealthy is on no page.
/// </summary>
[Trait("Category", "Unit")]
public class DecidedByTests
{
    // A weighted parent over a nested geolocation rule {EU, North America} and a backup.
    private static TreeSpec Spec() => Tree(Weighted("top",
        Geo("regions", Endpoint("eu", "192.0.2.1").Continent("EU"), Endpoint("na", "192.0.2.2").Continent("NA")).W(1),
        Endpoint("backup", "192.0.2.3", healthChecked: false).W(1)));

    private static SimulationResult Run(string unhealthy, string location) =>
        Simulator.Simulate(Spec(), new SimulationQuery(
            unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(), null, location));

    [Fact]
    public void A_nested_group_stays_healthy_for_a_client_whose_records_are_unhealthy_and_that_answer_is_undocumented()
    {
        var result = Run("na", "US");

        var na = Assert.Single(result.Answers, a => a.NodeId == "na");
        var backup = Assert.Single(result.Answers, a => a.NodeId == "backup");
        Assert.Equal((0.5, 0.5), (na.Probability, backup.Probability));
        Assert.True(na.Undocumented);
        Assert.Contains(na.DecidedBy, d => d.Contains("nested rule: an alias to a group with a healthy record", StringComparison.Ordinal));
        Assert.Contains(na.DecidedBy, d => d.StartsWith("undocumented: geolocation: every record matching", StringComparison.Ordinal));
        Assert.False(backup.Undocumented);
        var weighted = "weighted: healthy records share by weight "
            + "(Developer Guide, How Amazon Route 53 chooses records when health checking is configured)";
        Assert.Equal([weighted], backup.DecidedBy);
    }

    [Fact]
    public void A_client_no_location_matches_gets_no_answer_for_the_nested_share_Geolocation_routing()
    {
        var result = Run("", "BR");

        Assert.Equal(0.5, result.NoAnswerProbability, 9);
        Assert.Equal(["backup"], result.Answers.Select(a => a.NodeId));
    }

    [Fact]
    public void A_healthy_match_is_documented_and_names_the_geolocation_rule()
    {
        var result = Run("", "DE");

        var eu = Assert.Single(result.Answers, a => a.NodeId == "eu");
        Assert.False(eu.Undocumented);
        Assert.Contains(eu.DecidedBy, d => d.StartsWith("geolocation: the most specific location", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_carries_decidedBy_and_the_undocumented_flag()
    {
        var json = SimulationJson.Write(Run("na", "US"));

        Assert.Contains("\"decidedBy\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"undocumented\": true", json, StringComparison.Ordinal);
    }
}
