using Failover.Core.Adoption;
using Failover.Core.Route53;
using Failover.Core.Tests.Spec;
using static Failover.Core.Tests.Adoption.ZoneFixtures;

namespace Failover.Core.Tests.Adoption;

/// <summary>
/// Adoption of a name whose A and AAAA records are one dual-stack tree (examples/dual-stack.json as Route 53 holds it): the
/// spec says <c>recordTypes: ["A", "AAAA"]</c> and compiles back to every record; twins that differ are refused on the record.
/// </summary>
[Trait("Category", "Unit")]
public sealed class DualStackAdoptionTests
{
    private static ZoneSnapshot Zone() => Materialise(Parse(Examples.Read("dual-stack.json")));

    private static ZoneSnapshot Changed(Func<ResourceRecordSet, bool> which, Func<ResourceRecordSet, ResourceRecordSet?> change)
    {
        var zone = Zone();
        return zone with { Records = zone.Records.Select(r => which(r) ? change(r) : r).OfType<ResourceRecordSet>().ToList() };
    }

    private static bool WebAAaaa(ResourceRecordSet r) => r.Type == "AAAA" && r.SetIdentifier == "web-a";

    [Fact]
    public void Twins_at_every_name_become_one_dual_stack_tree_that_compiles_back_to_the_zone()
    {
        var zone = Zone();
        var (spec, result) = AdoptClean(zone, "app.example.com", "both");

        Assert.True(spec.DualStack);
        Assert.Equal(["A", "AAAA"], spec.RecordTypes);
        SameRecords(zone.Records, Recompile(spec));
        Assert.Equal(zone.Records.Select(r => r.Key.ToString()).Order(), result.Records.Select(k => k.ToString()).Order());
        // One check per node serves both types, adopted as the tree's own.
        Assert.Equal(2, spec.Adopt!.HealthChecks.Count);
    }

    [Fact]
    public void An_aaaa_twin_with_another_weight_is_refused_on_it()
    {
        var result = ZoneAdopter.Adopt(Changed(WebAAaaa, r => r with { Weight = 10 }), new AdoptionRequest("both", "app.example.com"));

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(("_fleet.app.example.com", "AAAA", "web-a"), (problem.Record!.Value.Name, problem.Record.Value.Type,
            problem.Record.Value.SetIdentifier));
        Assert.Contains("weight 50 → 10", problem.Message);
        Assert.Contains("--type A or --type AAAA", problem.Message);
    }

    [Fact]
    public void An_aaaa_twin_naming_another_health_check_is_refused_on_it()
    {
        var result = ZoneAdopter.Adopt(Changed(WebAAaaa, r => r with { HealthCheckId = null }),
            new AdoptionRequest("both", "app.example.com"));

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Errors);
        Assert.Equal("AAAA", problem.Record!.Value.Type);
        Assert.Contains("healthCheckId", problem.Message);
    }

    [Fact]
    public void A_leaf_without_an_aaaa_twin_is_refused_on_its_a_record()
    {
        var result = ZoneAdopter.Adopt(Changed(WebAAaaa, _ => null), new AdoptionRequest("both", "app.example.com"));

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(new RecordKey("_fleet.app.example.com", "A", "web-a"), problem.Record);
        Assert.Contains("no AAAA record", problem.Message);
    }

    [Fact]
    public void An_aaaa_record_no_a_record_matches_is_refused_on_it()
    {
        var zone = Zone();
        var stray = zone.Records.Single(WebAAaaa) with { SetIdentifier = "web-c" };
        var result = ZoneAdopter.Adopt(zone with { Records = [.. zone.Records, stray] }, new AdoptionRequest("both", "app.example.com"));

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Errors);
        Assert.Equal(new RecordKey("_fleet.app.example.com", "AAAA", "web-c"), problem.Record);
        Assert.Contains("no A record", problem.Message);
    }
}
