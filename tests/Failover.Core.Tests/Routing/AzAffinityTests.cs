using Failover.Core.Compilation;
using Failover.Core.Contracts;
using Failover.Core.Diagnostics;
using Failover.Core.Diagram;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Routing;

/// <summary>The az-affinity rule from spec to simulator, on <c>examples/az-affinity.json</c> and variations of it.</summary>
[Trait("Category", "Unit")]
public class AzAffinityTests
{
    private static TreeSpec Example() =>
        SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "az-affinity.json"))).Spec!;

    private static TreeSpec WithLocation(int index, string type, string? id)
    {
        var spec = Example();
        var children = spec.Root.Children.ToList();
        children[index] = children[index] with { AzAffinity = new AzAffinitySpec { Type = type, Id = id } };
        return spec with { Root = spec.Root with { Children = children } };
    }

    private static List<SpecDiagnostic> Errors(TreeSpec spec) =>
        TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();

    [Fact]
    public void The_example_is_valid_without_warnings()
    {
        Assert.Empty(DocumentationAddresses.Aside(TreeValidator.Validate(Example())));
    }

    [Theory]
    [InlineData("availability-zone", "us-east-1a", "Availability Zone name")]
    [InlineData("availability-zone", "use1-bos1-az1", "Local Zone")]
    [InlineData("availability-zone", "xyz9-az1", "not an Availability Zone ID")]
    [InlineData("availability-zone", "USE1-AZ1", "lower case")]
    [InlineData("availability-zone", null, "needs an id")]
    [InlineData("zone-group", "us-east-1-bos-1", "Local Zone group")]
    [InlineData("zone-group", "us-east-1", "not a Zone Group id")]
    [InlineData("region", "us-east-9", "not an AWS Region")]
    [InlineData("partition", "amazon", "not an AWS partition")]
    [InlineData("global", "everywhere", "leave id out")]
    [InlineData("zone", "use1-az1", "not an AZ-affinity location type")]
    public void Locations_follow_the_api_reference(string type, string? id, string words)
    {
        var index = type == "global" ? 5 : 0;
        var error = Assert.Single(Errors(WithLocation(index, type, id)));

        Assert.StartsWith($"$.root.children[{index}].azAffinity", error.Path);
        Assert.Contains(words, error.Message);
    }

    [Theory]
    [InlineData("availability-zone", "apse2-az3")]
    [InlineData("availability-zone", "usgw1-az1")]
    [InlineData("zone-group", "eu-west-1-zg-1")]
    [InlineData("region", "ap-southeast-2")]
    [InlineData("partition", "aws-us-gov")]
    public void Ids_of_every_level_are_taken(string type, string id)
    {
        Assert.Empty(Errors(WithLocation(0, type, id)));
    }

    [Fact]
    public void A_location_answers_once_and_a_tree_without_global_is_warned()
    {
        var twice = Errors(WithLocation(1, "availability-zone", "use1-az1"));
        Assert.Contains("already used by $.root.children[0]", Assert.Single(twice).Message);

        var spec = Example();
        var noGlobal = spec with { Root = spec.Root with { Children = spec.Root.Children.Take(5).ToList() } };
        var warning = Assert.Single(TreeValidator.Validate(noGlobal), d => d.Message.Contains("global location"));
        Assert.Equal((Severity.Warning, "$.root.children"), (warning.Severity, warning.Path));
        Assert.Contains("Global", warning.Message);
    }

    [Fact]
    public void The_attribute_needs_an_az_affinity_parent_and_the_parent_needs_it()
    {
        var spec = Example();
        var asMultivalue = spec with { Root = spec.Root with { Routing = RoutingPolicy.Multivalue } };
        Assert.Contains(Errors(asMultivalue), e => e.Path == "$.root.children[0].azAffinity" && e.Message.Contains("no effect"));

        var children = spec.Root.Children.ToList();
        children[0] = children[0] with { AzAffinity = null };
        var missing = Errors(spec with { Root = spec.Root with { Children = children } });
        Assert.Contains("needs azAffinity", Assert.Single(missing).Message);
    }

    [Fact]
    public void Compiles_to_az_affinity_records_in_the_api_shape()
    {
        var records = TreeCompiler.Compile(Example()).Records.Select(r => r.RecordSet).ToList();

        Assert.Equal(new AzAffinity("AvailabilityZone", "use1-az1"), records[0].AzAffinity);
        Assert.Equal(new AzAffinity("AvailabilityZoneGroup", "us-east-1-zg-1"), records[2].AzAffinity);
        Assert.Equal(new AzAffinity("Region", "eu-west-1"), records[3].AzAffinity);
        Assert.Equal(new AzAffinity("Partition", "aws"), records[4].AzAffinity);
        Assert.Equal(new AzAffinity("Global", "global"), records[5].AzAffinity);
        Assert.All(records, r => Assert.Equal(RecordRoutingPolicy.AzAffinity, RecordRouting.PolicyOf(r)));
        var json = string.Concat(WireJson.Write(PlanJson.ToShape(records[0])).Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("\"AZAffinity\":{\"LocationType\":\"AvailabilityZone\",\"LocationId\":\"use1-az1\"}", json);
        Assert.True(PlanJson.ToRecordSet(PlanJson.ToShape(records[2]), "$").SameAs(records[2]));
    }

    [Fact]
    public void Plan_text_diagram_and_spec_writer_name_the_location()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(Example()), ActualState.Empty);
        var text = PlanTextWriter.Write(plan);

        Assert.Contains("az-affinity availability-zone use1-az1", text);
        Assert.Contains("az-affinity zone-group us-east-1-zg-1", text);
        Assert.Contains("az-affinity global", text);
        Assert.Contains("availability-zone use1-az2", DiagramRenderer.Mermaid(Example()));
        var written = SpecJsonWriter.Write(Example());
        Assert.Contains("\"azAffinity\":{\"type\":\"zone-group\",\"id\":\"us-east-1-zg-1\"}",
            string.Concat(written.Where(c => !char.IsWhiteSpace(c))));
    }

    [Fact]
    public void Drift_names_the_field_that_changed()
    {
        var records = TreeCompiler.Compile(Example()).Records.Select(r => r.RecordSet).ToList();
        var moved = records[0] with { AzAffinity = records[0].AzAffinity! with { LocationId = "use1-az4" } };

        var difference = Assert.Single(RecordFields.Compare(records[0], moved));
        Assert.Equal(("azAffinity.locationId", "use1-az1", "use1-az4"), (difference.Field, difference.Expected, difference.Actual));
        Assert.False(records[0].SameAs(moved));
        var retyped = records[3] with { AzAffinity = new AzAffinity("Partition", "eu-west-1") };
        Assert.Equal("azAffinity.locationType", Assert.Single(RecordFields.Compare(records[3], retyped)).Field);
    }

    [Theory]
    [InlineData("use1-az1", "", "use1-az1", false)]
    [InlineData("use1-az1", "use1-az1", "virginia-zones", true)]
    [InlineData("use1-az1", "use1-az1,virginia-zones", "commercial", false)]
    [InlineData("use1-az3", "", "virginia-zones", true)]
    [InlineData("us-east-1-zg-1", "virginia-zones", "commercial", false)]
    [InlineData("euw1-az2", "", "ireland", false)]
    [InlineData("eu-west-1", "ireland", "commercial", false)]
    [InlineData("eu-west-1", "ireland,commercial", "anywhere", false)]
    [InlineData("cn-north-1", "", "anywhere", false)]
    [InlineData(null, "", "anywhere", false)]
    public void The_simulator_answers_from_the_most_specific_healthy_location(string? az, string unhealthy, string answer, bool assumed)
    {
        var query = new SimulationQuery(unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet()) { Az = az };

        var result = Simulator.Simulate(Example(), query);

        var only = Assert.Single(result.Answers);
        Assert.Equal(answer, only.NodeId);
        Assert.Equal(assumed, only.Undocumented);
    }

    [Fact]
    public void Every_matching_record_unhealthy_answers_with_the_most_specific()
    {
        var all = new HashSet<string> { "use1-az2", "virginia-zones", "commercial" };
        var spec = Example();
        var noGlobal = spec with { Root = spec.Root with { Children = spec.Root.Children.Take(5).ToList() } };

        var result = Simulator.Simulate(noGlobal, new SimulationQuery(all) { Az = "use1-az2" });

        Assert.Equal("use1-az2", Assert.Single(result.Answers).NodeId);
        Assert.Contains(result.Notes, n => n.Contains("most specific"));
        var unknown = Simulator.Simulate(noGlobal, SimulationQuery.AllHealthy);
        Assert.Empty(unknown.Answers);
        Assert.Equal(1, unknown.NoAnswerProbability);
    }

    [Fact]
    public void An_az_that_is_not_one_is_an_error()
    {
        var result = Simulator.Simulate(Example(), new SimulationQuery(new HashSet<string>()) { Az = "us-east-1a" });

        Assert.Equal("az", Assert.Single(result.Diagnostics).Path);
    }
}
