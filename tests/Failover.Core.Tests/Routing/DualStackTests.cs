using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Planning;
using Failover.Core.Simulation;
using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using Failover.Core.Validation;

namespace Failover.Core.Tests.Routing;

/// <summary>A dual-stack tree (<c>examples/dual-stack.json</c>): parsed, validated, compiled into A and AAAA records that share
/// their node's health check, planned and simulated per type.</summary>
[Trait("Category", "Unit")]
public class DualStackTests
{
    private static string Text() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "dual-stack.json"));

    private static TreeSpec Example() => SpecParser.Parse(Text()).Spec!;

    private static List<SpecDiagnostic> Errors(TreeSpec spec) =>
        TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();

    private static TreeSpec WithSecondary(Func<TreeNode, TreeNode> change)
    {
        var spec = Example();
        return spec with { Root = spec.Root with { Secondary = change(spec.Root.Secondary!) } };
    }

    [Fact]
    public void The_example_is_dual_stack_valid_and_round_trips()
    {
        var spec = Example();

        Assert.True(spec.DualStack);
        Assert.Equal(["A", "AAAA"], spec.RecordTypes);
        Assert.Empty(DocumentationAddresses.Aside(TreeValidator.Validate(spec)));
        var written = SpecJsonWriter.Write(spec);
        Assert.Contains("\"recordTypes\":[\"A\",\"AAAA\"]", string.Concat(written.Where(c => !char.IsWhiteSpace(c))));
        Assert.True(SpecParser.Parse(written).Spec!.DualStack);
    }

    [Theory]
    [InlineData("\"recordTypes\": [\"A\", \"AAAA\"]", "\"recordTypes\": [\"A\", \"TXT\"]", "recordTypes")]
    [InlineData("\"recordTypes\": [\"A\", \"AAAA\"]", "\"recordTypes\": [\"A\", \"AAAA\"], \"recordType\": \"A\"", "recordType")]
    public void Record_types_are_a_and_aaaa_alone(string from, string to, string path)
    {
        var result = SpecParser.Parse(Text().Replace(from, to, StringComparison.Ordinal));

        Assert.Contains(result.Diagnostics, d => d.Severity == Severity.Error && d.Path == "$." + path);
    }

    [Fact]
    public void Every_endpoint_has_an_address_of_each_family_and_aliases_answer_both()
    {
        var ipv4Only = Errors(WithSecondary(n => n with { Endpoint = n.Endpoint! with { Values = ["198.51.100.20"] } }));
        Assert.Contains("IPv6 address too, for its AAAA record", Assert.Single(ipv4Only).Message);

        var name = Errors(WithSecondary(n => n with { Endpoint = n.Endpoint! with { Values = ["198.51.100.20", "standby.example.net"] } }));
        Assert.Contains(name, e => e.Path == "$.root.secondary.endpoint.values[1]" && e.Message.Contains("IPv4 or IPv6"));

        var s3 = Errors(WithSecondary(n => new TreeNode
        {
            Id = n.Id, Path = n.Path,
            Alias = new AliasSpec { DnsName = "s3-website-us-east-1.amazonaws.com", HostedZoneId = "Z3AQBSTGFYJSTF" },
        }));
        Assert.Contains(s3, e => e.Message.Contains("can only be A") && e.Message.Contains("A and AAAA"));
    }

    [Fact]
    public void Compiles_an_a_and_an_aaaa_record_per_node_sharing_one_check_of_the_ipv4_address()
    {
        var compiled = TreeCompiler.Compile(Example());

        Assert.Equal(["web-a", "web-b"], compiled.HealthChecks.Select(c => c.NodeId));
        Assert.Equal("192.0.2.10", compiled.HealthChecks[0].Config.IpAddress);
        var records = compiled.Records.Select(r => r.RecordSet).ToList();
        Assert.Equal(8, records.Count);
        var webA = records.Where(r => r.SetIdentifier == "web-a").ToDictionary(r => r.Type);
        Assert.Equal(["192.0.2.10"], webA["A"].ResourceRecords);
        Assert.Equal(["2001:db8::10"], webA["AAAA"].ResourceRecords);
        Assert.Equal("{{healthcheck:web-a}}", webA["A"].HealthCheckId);
        Assert.Equal(webA["A"].HealthCheckId, webA["AAAA"].HealthCheckId);
        var fleet = records.Where(r => r.SetIdentifier == "fleet").ToList();
        Assert.Equal(["A", "AAAA"], fleet.Select(r => r.Type).Order());
        Assert.All(fleet, r => Assert.Equal("_fleet.app.example.com", r.AliasTarget!.DnsName));
        Assert.All(compiled.Records.Where(r => r.RecordSet.Type == "AAAA"),
            r => Assert.Contains(compiled.Records, a => a.RecordSet.Type == "A" && a.NodeId == r.NodeId));
    }

    [Fact]
    public void The_plan_writes_both_types_and_five_checks_become_two()
    {
        var plan = Planner.Plan(TreeCompiler.Compile(Example()), ActualState.Empty);
        var text = PlanTextWriter.Write(plan);

        Assert.Contains("8 to create", text);
        Assert.Contains("health checks: 2 to create", text);
        Assert.Contains("AAAA", text);
        Assert.Contains("2001:db8::11", text);
    }

    [Theory]
    [InlineData(null, "", "web-a", "192.0.2.10")]
    [InlineData("AAAA", "", "web-a", "2001:db8::10")]
    [InlineData("aaaa", "web-a,web-b", "standby", "2001:db8:1::20")]
    [InlineData("A", "web-a,web-b", "standby", "198.51.100.20")]
    public void The_simulator_answers_each_type_with_its_own_family(string? type, string unhealthy, string node, string value)
    {
        var query = new SimulationQuery(unhealthy.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet()) { RecordType = type };

        var result = Simulator.Simulate(Example(), query);

        var answer = result.Answers.First(a => a.NodeId == node);
        Assert.Equal([value], answer.Values);
    }

    [Fact]
    public void A_type_the_tree_does_not_answer_is_an_error()
    {
        var result = Simulator.Simulate(Example(), new SimulationQuery(new HashSet<string>()) { RecordType = "TXT" });

        Assert.Equal("recordType", Assert.Single(result.Diagnostics).Path);
    }
}
