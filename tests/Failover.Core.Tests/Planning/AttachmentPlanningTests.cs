using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Tests.Validation;
using Failover.Testing;
using static Failover.Core.Tests.Validation.AttachmentRuleCases;

namespace Failover.Core.Tests.Planning;

/// <summary>
/// A tree of several names in its zone: each attachment gets the tree's records at its own names, the health checks are
/// shared, and adding, removing or moving an attachment changes only that attachment's records, make-before-break.
/// </summary>
[Trait("Category", "Unit")]
public class AttachmentPlanningTests
{
    private const string Zone = "Z0000000000000000000A";

    private static TreeSpec Www(params string[] names)
    {
        var document = SpecDocument.Www();
        if (names.Length > 0) document.Set("attachments", Attachments(names.Select(n => Attachment(Zone, null, n)).ToArray()));
        var result = SpecLoader.Load(document.Text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    private static IEnumerable<RecordChange> Changes(Plan plan) =>
        plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes);

    [Fact]
    public void The_first_attachment_compiles_as_the_tree_of_one_name_did_and_each_other_gets_the_same_records_at_its_names()
    {
        var single = TreeCompiler.Compile(Www());
        var attached = TreeCompiler.Compile(Www("api.example.com"));

        Assert.True(single.Records.Zip(attached.Records).All(p => p.First.NodeId == p.Second.NodeId && p.First.Level == p.Second.Level
            && p.First.RecordSet.SameAs(p.Second.RecordSet)), "the first attachment's records are the tree of one name's");
        Assert.Equal(single.HealthChecks, attached.HealthChecks);
        var api = attached.Records.Skip(single.Records.Count).ToList();
        Assert.Equal(single.Records.Count, api.Count);
        Assert.Equal(
            single.Records.Select(r => (r.NodeId + "@api.example.com", r.Level,
                r.RecordSet.Name.Replace("www.example.com", "api.example.com", StringComparison.Ordinal),
                r.RecordSet.SetIdentifier, r.RecordSet.HealthCheckId)),
            api.Select(r => (r.NodeId, r.Level, r.RecordSet.Name, r.RecordSet.SetIdentifier, r.RecordSet.HealthCheckId)));
        // The nested rules' aliases point at the attachment's own helper names.
        Assert.Contains(api, r => r.RecordSet.AliasTarget?.DnsName == "_regions.api.example.com");
        Assert.Equal(("use1-a", "api.example.com"), AttachmentNodes.Parse("use1-a@api.example.com"));
        Assert.Equal(("use1-a", (string?)null), AttachmentNodes.Parse("use1-a"));
    }

    [Fact]
    public void A_new_tree_of_three_names_is_the_layers_of_one_with_every_attachments_records_packed_together()
    {
        var single = Planner.Plan(TreeCompiler.Compile(Www()), ActualState.Empty);
        var three = Planner.Plan(TreeCompiler.Compile(Www("api.example.com", "example.com")), ActualState.Empty);

        Assert.Equal(single.Layers.Select(l => (l.Name, l.ChangeBatches.Count, l.HealthChecks.Count)),
            three.Layers.Select(l => (l.Name, l.ChangeBatches.Count, l.HealthChecks.Count)));
        Assert.Equal(3 * Changes(single).Count(), Changes(three).Count());
        Assert.Empty(three.Conflicts);
    }

    [Fact]
    public void Adding_an_attachment_creates_only_its_records_and_no_health_check()
    {
        var zone = new InMemoryZone("www", Zone);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Www()), zone.State));

        var plan = Planner.Plan(TreeCompiler.Compile(Www("api.example.com")), zone.State);

        Assert.All(Changes(plan), c => Assert.Equal(ChangeAction.Create, c.Action));
        Assert.All(Changes(plan), c => Assert.EndsWith("api.example.com", c.RecordSet.Name, StringComparison.Ordinal));
        Assert.Equal(TreeCompiler.Compile(Www()).Records.Count, Changes(plan).Count());
        Assert.DoesNotContain(plan.Layers, l => l.HealthChecks.Count > 0 || l.HealthCheckDeletions.Count > 0);
    }

    [Fact]
    public void Removing_an_attachment_deletes_only_its_records_and_keeps_the_shared_checks()
    {
        var zone = new InMemoryZone("www", Zone);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Www("api.example.com")), zone.State));

        var plan = Planner.Plan(TreeCompiler.Compile(Www()), zone.State);

        Assert.All(Changes(plan), c => Assert.Equal(ChangeAction.Delete, c.Action));
        Assert.All(Changes(plan), c => Assert.EndsWith("api.example.com", c.RecordSet.Name, StringComparison.Ordinal));
        Assert.Equal(TreeCompiler.Compile(Www()).Records.Count, Changes(plan).Count());
        Assert.DoesNotContain(plan.Layers, l => l.HealthCheckDeletions.Count > 0);
        zone.Apply(plan);
        Assert.True(Planner.Plan(TreeCompiler.Compile(Www()), zone.State).IsEmpty);
    }

    [Fact]
    public void Moving_an_attachment_creates_the_new_names_before_it_deletes_the_old()
    {
        var zone = new InMemoryZone("www", Zone);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Www("api.example.com")), zone.State));

        var plan = Planner.Plan(TreeCompiler.Compile(Www("shop.example.com")), zone.State);

        var creates = plan.Layers.Select((l, i) => (l, i))
            .Where(p => p.l.ChangeBatches.SelectMany(b => b.Changes).Any(c => c.Action != ChangeAction.Delete)).Select(p => p.i).ToList();
        var deletes = plan.Layers.Select((l, i) => (l, i))
            .Where(p => p.l.ChangeBatches.SelectMany(b => b.Changes).Any(c => c.Action == ChangeAction.Delete)).Select(p => p.i).ToList();
        Assert.NotEmpty(creates);
        Assert.True(creates.Max() < deletes.Min(),
            $"creates in layers {string.Join(",", creates)}, deletes in {string.Join(",", deletes)}");
        Assert.All(Changes(plan).Where(c => c.Action == ChangeAction.Delete),
            c => Assert.EndsWith("api.example.com", c.RecordSet.Name, StringComparison.Ordinal));
        Assert.All(Changes(plan).Where(c => c.Action != ChangeAction.Delete),
            c => Assert.EndsWith("shop.example.com", c.RecordSet.Name, StringComparison.Ordinal));
        // The www records and the shared checks are untouched.
        Assert.DoesNotContain(Changes(plan), c => c.RecordSet.Name.EndsWith("www.example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Layers, l => l.HealthChecks.Count > 0 || l.HealthCheckDeletions.Count > 0);
    }

    [Fact]
    public void The_plans_text_has_a_row_per_attachment_and_one_for_names_no_attachment_holds_any_more()
    {
        var zone = new InMemoryZone("www", Zone);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Www("api.example.com")), zone.State));
        var count = TreeCompiler.Compile(Www()).Records.Count;

        var text = PlanTextWriter.Write(Planner.Plan(TreeCompiler.Compile(Www("shop.example.com")), zone.State));

        var rows = text[text.IndexOf("Attachments:", StringComparison.Ordinal)..].Split('\n').Skip(2).TakeWhile(l => l.Length > 0)
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(
            [
                $"www.example.com {Zone} no change", $"shop.example.com {Zone} {count} CREATE",
                $"(names no attachment holds) {Zone} {count} DELETE",
            ],
            rows);
        Assert.DoesNotContain("Attachments:", PlanTextWriter.Write(Planner.Plan(TreeCompiler.Compile(Www()), zone.State)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Teardown_removes_every_attachments_records_and_the_shared_checks()
    {
        var zone = new InMemoryZone("www", Zone);
        zone.Apply(Planner.Plan(TreeCompiler.Compile(Www("api.example.com")), zone.State));

        zone.Apply(Planner.Teardown("www", Zone, zone.State));

        Assert.Empty(zone.Records);
        Assert.Empty(zone.HealthChecks);
    }

    [Fact]
    public void An_attachment_in_another_zone_gets_its_own_batches_there_and_its_helpers_alias_within_that_zone()
    {
        const string other = "Z0000000000000000000B";
        var spec = SpecLoader.Load(SpecDocument.Www()
            .Set("attachments", Attachments(Attachment(other, "example.org", "www.example.org"))).Text).Spec!;

        var desired = TreeCompiler.Compile(spec);
        var plan = Planner.Plan(desired, ActualState.Empty);

        Assert.Equal(other, Assert.Single(desired.OtherZones).HostedZoneId);
        Assert.Empty(plan.Conflicts);
        var batches = plan.Layers.SelectMany(l => l.ChangeBatches).ToList();
        var inOther = batches.Where(b => b.HostedZoneId == other).SelectMany(b => b.Changes).ToList();
        var inOwn = batches.Where(b => b.HostedZoneId is null).SelectMany(b => b.Changes).ToList();
        Assert.Equal(desired.OtherZones[0].Records.Count, inOther.Count);
        Assert.Equal(desired.Records.Count, inOwn.Count);
        Assert.All(inOther, c => Assert.EndsWith("example.org", c.RecordSet.Name, StringComparison.Ordinal));
        // An alias target must be in the same hosted zone as the alias record (API reference, AliasTarget HostedZoneId).
        Assert.All(inOther.Where(c => c.RecordSet.AliasTarget is { } t && t.DnsName.EndsWith("example.org", StringComparison.Ordinal)),
            c => Assert.Equal(other, c.RecordSet.AliasTarget!.HostedZoneId));
        Assert.All(batches, b => Assert.Single(b.Changes.Select(c => b.HostedZoneId ?? Zone).Distinct()));

        // The plan document keeps each batch's zone.
        var read = Failover.Core.Contracts.PlanJson.Read(Failover.Core.Contracts.PlanJson.Write(plan, indented: false));
        Assert.Equal(batches.Select(b => b.HostedZoneId), read.Layers.SelectMany(l => l.ChangeBatches).Select(b => b.HostedZoneId));

        // Torn down, each record is deleted in the zone it was read in.
        var owned = desired.AllRecords.Select(r => r.RecordSet.Key).ToHashSet();
        // The records read from the other zone carry it, as the readers mark them.
        var actual = new ActualState(desired.AllRecords.Select(r => r.RecordSet).ToList(), [], owned);
        Assert.All(desired.OtherZones[0].Records, r => Assert.Equal(other, r.RecordSet.Zone));
        var teardown = Planner.Teardown("www", Zone, actual).Layers.SelectMany(l => l.ChangeBatches).ToList();
        Assert.Equal(inOther.Count, teardown.Where(b => b.HostedZoneId == other).Sum(b => b.Changes.Count));
        Assert.Equal(inOwn.Count, teardown.Where(b => b.HostedZoneId is null).Sum(b => b.Changes.Count));
    }

    [Fact]
    public void Each_drifted_record_names_the_zone_it_is_in_and_the_report_keeps_it()
    {
        const string other = "Z0000000000000000000B";
        var spec = SpecLoader.Load(SpecDocument.Www()
            .Set("attachments", Attachments(Attachment(other, "example.org", "www.example.org"))).Text).Spec!;
        var desired = TreeCompiler.Compile(spec);
        var inOther = desired.OtherZones[0].Records;
        var missing = inOther[0].RecordSet.Key;
        var leftOver =
            new ResourceRecordSet { Name = "old.example.org", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.200"], Zone = other };
        var records = desired.AllRecords.Select(r => r.RecordSet).Where(r => r.Key != missing).ToList();
        var changed = records.FindIndex(r => r.Key == desired.Records[0].RecordSet.Key);
        records[changed] = records[changed] with { Ttl = 999, AliasTarget = null, ResourceRecords = ["192.0.2.201"] };
        records.Add(leftOver);
        var actual = new ActualState(records, [], desired.AllRecords.Select(r => r.RecordSet.Key).Append(leftOver.Key).ToHashSet());

        var report = Failover.Core.Drift.DriftDetector.Detect(desired, actual, new HashSet<string>());

        // Report items name the record within its zone and the zone beside it, as stored reports always have.
        var zoneOf = report.Items.Where(i => i.Record is not null).GroupBy(i => i.Record!.Value)
            .ToDictionary(g => g.Key, g => Assert.Single(g.Select(i => i.HostedZoneId).Distinct()));
        Assert.Equal(other, zoneOf[missing.WithoutZone]);
        Assert.Equal(other, zoneOf[leftOver.Key.WithoutZone]);
        Assert.Equal(Zone, zoneOf[desired.Records[0].RecordSet.Key]);
        var read = Failover.Core.Contracts.DriftReportJson.Read(Failover.Core.Contracts.DriftReportJson.Write(report));
        Assert.Equal(report.Items.Select(i => i.HostedZoneId), read.Items.Select(i => i.HostedZoneId));
    }

    [Fact]
    public void The_plans_text_labels_each_layers_batches_by_zone_when_the_tree_writes_in_several()
    {
        const string other = "Z0000000000000000000B";
        var spec = SpecLoader.Load(SpecDocument.Www()
            .Set("attachments", Attachments(Attachment(other, "example.org", "www.example.org"))).Text).Spec!;
        var plan = Planner.Plan(TreeCompiler.Compile(spec), ActualState.Empty);

        var lines = PlanTextWriter.Write(plan).Split('\n');
        var recordLayers = plan.Layers.Count(l => l.Kind == PlanLayerKind.Records);
        Assert.Equal(recordLayers, lines.Count(l => l.StartsWith($"  in hosted zone {Zone} (", StringComparison.Ordinal)));
        Assert.Equal(recordLayers, lines.Count(l => l.StartsWith($"  in hosted zone {other} (", StringComparison.Ordinal)));
        // Each change row sits under the label of the zone it is written in.
        string? zone = null;
        var rows = 0;
        foreach (var line in lines)
        {
            if (line.Length > 0 && char.IsAsciiDigit(line[0])) zone = null;
            else if (line.StartsWith("  in hosted zone ", StringComparison.Ordinal)) zone = line.Split(' ')[5];
            else if (zone is not null && line.TrimStart().StartsWith("CREATE ", StringComparison.Ordinal))
            {
                Assert.Equal(line.Contains("example.org", StringComparison.Ordinal) ? other : Zone, zone);
                rows++;
            }
        }
        Assert.Equal(plan.Layers.SelectMany(l => l.ChangeBatches).Sum(b => b.Changes.Count), rows);
        // A tree of one zone has no labels (its text is the golden files').
        Assert.DoesNotContain("in hosted zone", PlanTextWriter.Write(Planner.Plan(TreeCompiler.Compile(Www()), ActualState.Empty))
            .Replace($"Plan for tree 'www' in hosted zone {Zone}", "", StringComparison.Ordinal));
    }
}
