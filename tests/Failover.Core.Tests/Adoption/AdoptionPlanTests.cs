using Failover.Core.Adoption;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Tests.Spec;
using static Failover.Core.Tests.Adoption.ZoneFixtures;

namespace Failover.Core.Tests.Adoption;

/// <summary>
/// Take-over: the adopted spec's plan against the zone it was read from is empty and claims every record and check; a
/// zone changed since claims nothing and conflicts; after the take-over an edit is an ordinary make-before-break plan.
/// </summary>
[Trait("Category", "Unit")]
public class AdoptionPlanTests
{
    private static (TreeSpec Spec, ZoneSnapshot Zone) Adopted()
    {
        var original = Parse(Examples.Read("www.json"));
        var zone = Materialise(original);
        return (AdoptClean(zone, "www.example.com", "www-adopted").Spec, zone);
    }

    /// <summary>The zone as a person left it: no record owned, checks with references of their own and no tags.</summary>
    private static ActualState Untagged(ZoneSnapshot zone, IReadOnlyList<ResourceRecordSet>? records = null) =>
        new(records ?? zone.Records,
            zone.HealthChecks.Select(h => new ExistingHealthCheck(h.Id, "hand-made-" + h.Id[..8], h.Config)).ToList(),
            new HashSet<RecordKey>());

    [Fact]
    public void The_adopted_spec_plans_nothing_and_claims_every_record_and_check()
    {
        var (spec, zone) = Adopted();
        var plan = Planner.Plan(TreeCompiler.Compile(spec), Untagged(zone));

        Assert.True(plan.IsEmpty);
        Assert.False(plan.HasConflicts);
        Assert.Equal(zone.Records.Select(r => r.Key.ToString()).Order(), plan.Claims.Records.Select(k => k.ToString()).Order());
        Assert.Equal(zone.HealthChecks.Select(h => h.Id).Order(), plan.Claims.HealthChecks.Select(c => c.HealthCheckId).Order());
        Assert.Contains("Adoption: claims 6 existing record set(s) and 3 existing health check(s)", PlanTextWriter.Write(plan));
    }

    [Fact]
    public void A_record_changed_since_adoption_claims_nothing_and_stops_the_run()
    {
        var (spec, zone) = Adopted();
        var changed = zone.Records.Select(r => r.SetIdentifier == "use1-a" ? r with { Weight = 7 } : r).ToList();
        var plan = Planner.Plan(TreeCompiler.Compile(spec), Untagged(zone, changed));

        Assert.Empty(plan.Claims.Records);
        Assert.True(plan.HasConflicts);
        Assert.Contains(plan.Conflicts, c => c.Key.SetIdentifier == "use1-a" && c.Reason == AdoptionClaims.ChangedSinceAdoption);
    }

    [Fact]
    public void A_check_changed_since_adoption_is_not_claimed()
    {
        var (spec, zone) = Adopted();
        var moved = zone with
        {
            HealthChecks =
                zone.HealthChecks.Select((h, i) => i == 0 ? h with { Config = h.Config with { ResourcePath = "/x" } } : h).ToList(),
        };
        var plan = Planner.Plan(TreeCompiler.Compile(spec), Untagged(moved));
        Assert.Empty(plan.Claims.Records);
        Assert.True(plan.HasConflicts);
        Assert.Equal(2, plan.Claims.HealthChecks.Count);
    }

    [Fact]
    public void After_the_take_over_an_edit_is_an_ordinary_update()
    {
        var (spec, zone) = Adopted();
        var owned = zone.Records.Select(r => r.Key).ToHashSet();
        var tagged = new ActualState(zone.Records,
            zone.HealthChecks.Select(h => new ExistingHealthCheck(h.Id, "hand-made", h.Config, "www-adopted",
                spec.Adopt!.HealthChecks.Single(p => p.Value == h.Id).Key)).ToList(), owned);
        Assert.True(Planner.Plan(TreeCompiler.Compile(spec), tagged) is { IsEmpty: true, Claims.IsEmpty: true });

        var edited = spec with { Root = Reweighted(spec.Root) };
        var plan = Planner.Plan(TreeCompiler.Compile(edited), tagged);
        Assert.Empty(plan.Claims.Records);
        Assert.False(plan.HasConflicts);
        var change = Assert.Single(plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes));
        Assert.Equal((ChangeAction.Upsert, "use1-a", 80L), (change.Action, change.RecordSet.SetIdentifier, change.RecordSet.Weight!.Value));
    }

    private static TreeNode Reweighted(TreeNode node) => node.Id == "use1-a" ? node with { Weight = 80 }
        : node with
        {
            Primary = node.Primary is null ? null : Reweighted(node.Primary),
            Secondary = node.Secondary is null ? null : Reweighted(node.Secondary),
            Children = node.Children.Select(Reweighted).ToList(),
        };
}
