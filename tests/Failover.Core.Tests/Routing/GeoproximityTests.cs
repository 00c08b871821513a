using Failover.Core.Compilation;
using Failover.Core.Contracts;
using Failover.Core.Diagnostics;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Routing;

/// <summary>The geoproximity rule from spec to simulator, on <c>examples/geoproximity.json</c> and variations of it.</summary>
[Trait("Category", "Unit")]
public class GeoproximityTests
{
    private static TreeSpec Example() =>
        SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "geoproximity.json"))).Spec!;

    private static TreeSpec WithChild(int index, Func<TreeNode, TreeNode> change)
    {
        var spec = Example();
        var children = spec.Root.Children.ToList();
        children[index] = change(children[index]);
        return spec with { Root = spec.Root with { Children = children } };
    }

    private static List<SpecDiagnostic> Errors(TreeSpec spec) =>
        TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();

    [Fact]
    public void The_example_parses_validates_and_round_trips_through_the_writer()
    {
        var spec = Example();

        Assert.Empty(Errors(spec));
        var again = SpecParser.Parse(SpecJsonWriter.Write(spec)).Spec!;
        Assert.Equal(spec.Root.Children.Select(c => c.Geoproximity), again.Root.Children.Select(c => c.Geoproximity));
    }

    [Theory]
    [InlineData(100, "bias")]
    [InlineData(-100, "bias")]
    public void Bias_outside_minus_99_to_99_is_refused(long bias, string field)
    {
        var spec = WithChild(0, c => c with { Geoproximity = c.Geoproximity! with { Bias = bias } });

        var error = Assert.Single(Errors(spec));
        Assert.Equal($"$.root.children[0].geoproximity.{field}", error.Path);
        Assert.Contains("-99 to 99", error.Message);
    }

    [Theory]
    [InlineData("-33.875", "151.21", "latitude", "two decimals")]
    [InlineData("91", "151.21", "latitude", "out of range")]
    [InlineData("-33.87", "181", "longitude", "out of range")]
    [InlineData("north", "151.21", "latitude", "two decimals")]
    public void Coordinates_follow_the_api_syntax_and_ranges(string latitude, string longitude, string field, string words)
    {
        var spec = WithChild(3, c => c with { Geoproximity = c.Geoproximity! with { Latitude = latitude, Longitude = longitude } });

        var error = Assert.Single(Errors(spec));
        Assert.Equal($"$.root.children[3].geoproximity.coordinates.{field}", error.Path);
        Assert.Contains(words, error.Message);
    }

    [Fact]
    public void A_place_is_one_of_region_local_zone_group_and_coordinates()
    {
        var both = WithChild(0, c => c with { Geoproximity = c.Geoproximity! with { LocalZoneGroup = "us-east-1-bos-1" } });
        var none = WithChild(0, c => c with { Geoproximity = new GeoProximitySpec() });
        var missing = WithChild(0, c => c with { Geoproximity = null });
        var unknown = WithChild(0, c => c with { Geoproximity = c.Geoproximity! with { AwsRegion = "us-middle-1" } });
        var badGroup = WithChild(2, c => c with { Geoproximity = c.Geoproximity! with { LocalZoneGroup = "boston" } });

        Assert.Contains("not several", Assert.Single(Errors(both)).Message);
        Assert.Contains("needs one of", Assert.Single(Errors(none)).Message);
        Assert.Contains("needs geoproximity", Assert.Single(Errors(missing)).Message);
        Assert.Equal("$.root.children[0].geoproximity.region", Assert.Single(Errors(unknown)).Path);
        Assert.Equal("$.root.children[2].geoproximity.localZoneGroup", Assert.Single(Errors(badGroup)).Path);
    }

    [Fact]
    public void Geoproximity_on_a_child_of_another_rule_is_an_error()
    {
        var spec = Example() with { Root = Example().Root with { Routing = RoutingPolicy.Multivalue } };

        Assert.Contains(Errors(spec), e => e.Path == "$.root.children[0].geoproximity" && e.Message.Contains("no effect"));
    }

    [Fact]
    public void Compiles_to_geo_proximity_locations_in_the_aws_cli_shape()
    {
        var records = TreeCompiler.Compile(Example()).Records.Select(r => r.RecordSet).ToList();

        Assert.Equal(new GeoProximityLocation("us-east-1", null, null, null, 25), records[0].GeoProximityLocation);
        Assert.Equal(new GeoProximityLocation(null, "us-east-1-bos-1", null, null, -20), records[2].GeoProximityLocation);
        Assert.Equal(new GeoProximityLocation(null, null, "-33.87", "151.21", null), records[3].GeoProximityLocation);
        var json = string.Concat(WireJson.Write(PlanJson.ToShape(records[3])).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("\"GeoProximityLocation\":{\"Coordinates\":{\"Latitude\":\"-33.87\",\"Longitude\":\"151.21\"}}", json);
        Assert.True(PlanJson.ToRecordSet(PlanJson.ToShape(records[0]), "$").SameAs(records[0]));
    }

    [Fact]
    public void Drift_compares_each_field_treating_a_missing_bias_as_0_and_coordinates_as_numbers()
    {
        var records = TreeCompiler.Compile(Example()).Records.Select(r => r.RecordSet).ToList();
        var moved = records[0] with { GeoProximityLocation = records[0].GeoProximityLocation! with { Bias = 5 } };
        var rewritten = records[3] with { GeoProximityLocation = records[3].GeoProximityLocation! with { Latitude = "-33.870", Bias = 0 } };

        var difference = Assert.Single(RecordFields.Compare(records[0], moved));
        Assert.Equal(("geoProximityLocation.bias", "25", "5"), (difference.Field, difference.Expected, difference.Actual));
        Assert.Empty(RecordFields.Compare(records[3], rewritten));
        Assert.True(records[3].SameAs(rewritten));
        var region = records[1] with { GeoProximityLocation = records[1].GeoProximityLocation! with { AwsRegion = "eu-west-1" } };
        Assert.Equal("geoProximityLocation.awsRegion", Assert.Single(RecordFields.Compare(records[1], region)).Field);
    }

    [Theory]
    [InlineData("FR", null, "frankfurt")]
    [InlineData("US-CA", null, "virginia")]
    [InlineData("US-MA", null, "boston-edge")]
    [InlineData(null, "-37.81,144.96", "sydney-dc")]
    [InlineData(null, "51.51,-0.13", "frankfurt")]
    public void The_simulator_answers_from_the_nearest_resource_by_biased_distance(string? location, string? coordinates, string answer)
    {
        var query = new SimulationQuery(new HashSet<string>(), Location: location) { Coordinates = coordinates };
        var result = Simulator.Simulate(Example(), query);

        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        Assert.Equal(answer, Assert.Single(result.Answers).NodeId);
        Assert.Contains("Developer Guide, Geoproximity routing", Assert.Single(result.Answers[0].DecidedBy));
    }

    [Fact]
    public void An_unhealthy_nearest_resource_gives_way_to_the_next_nearest()
    {
        var result = Simulator.Simulate(Example(), new SimulationQuery(new HashSet<string> { "frankfurt" }, Location: "DE"));

        Assert.Equal("virginia", Assert.Single(result.Answers).NodeId);
        Assert.Contains(result.Notes, n => n.Contains("next nearest"));
    }

    [Theory]
    [InlineData(0, 1000, 1000)]
    [InlineData(50, 1000, 500)]
    [InlineData(-50, 1000, 2000)]
    [InlineData(99, 1000, 10)]
    public void Bias_scales_distance_as_the_developer_guide_gives_it(long bias, double actual, double biased) =>
        Assert.Equal(biased, GeoproximityMatch.BiasedDistance(actual, bias), 6);

    [Fact]
    public void Bias_moves_the_boundary_a_client_between_two_regions_changes_sides()
    {
        // Reykjavik is about 1,500 km from Dublin (eu-west-1) and 4,200 km from Montreal (ca-central-1): +70 on Montreal wins it.
        var spec = Example() with
        {
            Root = Example().Root with
            {
                Children =
                [
                    Example().Root.Children[0] with { Id = "montreal", Geoproximity = new GeoProximitySpec { AwsRegion = "ca-central-1" } },
                    Example().Root.Children[1] with { Id = "dublin", Geoproximity = new GeoProximitySpec { AwsRegion = "eu-west-1" } },
                ],
            },
        };
        SimulationQuery At() => new(new HashSet<string>(), Location: "IS");
        var biased = spec with
        {
            Root = spec.Root with
            {
                Children = [spec.Root.Children[0] with { Geoproximity = spec.Root.Children[0].Geoproximity! with { Bias = 70 } },
                    spec.Root.Children[1]],
            },
        };

        Assert.Equal("dublin", Simulator.Simulate(spec, At()).Answers.Single().NodeId);
        Assert.Equal("montreal", Simulator.Simulate(biased, At()).Answers.Single().NodeId);
    }
}
