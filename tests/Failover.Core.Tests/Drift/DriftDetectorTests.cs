using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Testing;

namespace Failover.Core.Tests.Drift;

/// <summary>Each kind of drift, one change out of band at a time, and none when Route 53 matches the tree.</summary>
[Trait("Category", "Unit")]
public class DriftDetectorTests
{
    [Fact]
    public void A_zone_the_tree_was_applied_to_has_no_drift()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        var report = zone.Detect();
        Assert.False(report.HasDrift, string.Join("\n", report.Items));
        Assert.Equal(0, report.DriftedItems);
        Assert.Equal("www", report.Tree);
        Assert.Equal("www.example.com", report.RecordName);
    }

    [Fact]
    public void Health_checks_made_by_a_run_under_a_salted_reference_are_found_by_their_tags()
    {
        var zone = new ConvergedZone(SampleTrees.Www(), salt: "run-20260101-abc");
        Assert.All(zone.HealthChecks,
            h => Assert.DoesNotContain(h.CallerReference, zone.Desired.HealthChecks.Select(d => d.CallerReference)));
        Assert.False(zone.Detect().HasDrift);
    }

    [Fact]
    public void A_changed_weight_is_reported_with_both_values()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("use1-a", r => r with { Weight = 7 });

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(DriftKind.RecordChanged, item.Kind);
        Assert.Equal("use1-a", item.NodeId);
        Assert.Equal(zone.Record("use1-a").Key, item.Record);
        Assert.Equal([new FieldDifference("weight", "50", "7")], item.Fields);
    }

    [Fact]
    public void Changed_values_ttl_and_routing_settings_are_each_named()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("euw1", r => r with { ResourceRecords = ["203.0.113.9"], Ttl = 300, Region = "eu-central-1" });

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(DriftKind.RecordChanged, item.Kind);
        Assert.Equal(
            [new FieldDifference("region", "eu-west-1", "eu-central-1"), new FieldDifference("ttl", "60", "300"),
                new FieldDifference("values", "198.51.100.7", "203.0.113.9")],
            item.Fields);
    }

    [Fact]
    public void Values_in_another_order_are_not_drift()
    {
        var spec = SampleTrees.Www();
        var zone = new ConvergedZone(spec with
        {
            Root = spec.Root with
            {
                Secondary = SampleTrees.Endpoint("sorry", "$.root.secondary", "192.0.2.50") with
                {
                    Endpoint = new Failover.Core.Spec.EndpointSpec { Values = ["192.0.2.50", "192.0.2.51"] },
                },
            },
        });
        zone.Replace("sorry", r => r with { ResourceRecords = ["192.0.2.51", "192.0.2.50"] });
        Assert.False(zone.Detect().HasDrift);
    }

    [Fact]
    public void A_changed_alias_target_and_target_health_flag_are_reported()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("sorry",
            r =>
            r with { AliasTarget = r.AliasTarget! with { DnsName = "S3-Website-EU-West-1.amazonaws.com.", EvaluateTargetHealth = false } });

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(
            [new FieldDifference("aliasTarget.dnsName", "s3-website-us-east-1.amazonaws.com", "S3-Website-EU-West-1.amazonaws.com"),
             new FieldDifference("aliasTarget.evaluateTargetHealth", "true", "false")],
            item.Fields);
    }

    [Fact]
    public void An_alias_name_in_another_case_or_with_the_final_dot_is_not_drift()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("sorry", r => r with { AliasTarget = r.AliasTarget! with { DnsName = "S3-WEBSITE-US-EAST-1.amazonaws.com." } });
        Assert.False(zone.Detect().HasDrift);
    }

    [Fact]
    public void An_alias_replaced_by_plain_values_reports_both_sides()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("sorry", r => r with { AliasTarget = null, Ttl = 60, ResourceRecords = ["192.0.2.99"] });

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(["aliasTarget", "values"], item.Fields.Select(f => f.Field));
        Assert.Null(item.Fields[0].Actual);
        Assert.Equal("192.0.2.99", item.Fields[1].Actual);
    }

    [Fact]
    public void A_deleted_record_is_missing()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        var key = zone.Record("use1-b").Key;
        zone.Delete("use1-b");

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(new DriftItem(DriftKind.RecordMissing) { Record = key, NodeId = "use1-b" }, item);
    }

    [Fact]
    public void A_foreign_weighted_record_in_the_root_group_is_extra_and_blocks_repair()
    {
        var zone = new ConvergedZone(DriftTrees.Weighted());
        zone.OtherHealthCheckIds.Add("external-check");
        var foreign =
            new ResourceRecordSet { Name = "api.example.com", Type = "A", SetIdentifier = "canary", Weight = 1, Ttl = 60,
            ResourceRecords = ["203.0.113.5"] };
        zone.Records.Add(foreign);

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(DriftKind.RecordExtra, item.Kind);
        Assert.Equal(foreign.Key, item.Record);
        Assert.Equal(ExtraRecordPlace.TreeGroup, item.Place);
        Assert.False(item.Owned);
        Assert.True(item.BlocksRepair);
    }

    [Fact]
    public void Records_of_other_types_at_the_record_name_are_not_the_trees_business_but_a_cname_is()
    {
        var zone = new ConvergedZone(DriftTrees.Weighted());
        zone.OtherHealthCheckIds.Add("external-check");
        zone.Records.Add(new ResourceRecordSet { Name = "api.example.com", Type = "TXT", Ttl = 60, ResourceRecords = ["\"v=spf1 -all\""] });
        zone.Records.Add(new ResourceRecordSet { Name = "other.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.5"] });
        Assert.False(zone.Detect().HasDrift);

        var cname =
            new ResourceRecordSet { Name = "api.example.com", Type = "CNAME", Ttl = 60, ResourceRecords = ["elsewhere.example.net"] };
        zone.Records.Add(cname);
        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(cname.Key, item.Record);
        Assert.True(item.BlocksRepair);
    }

    [Fact]
    public void A_record_at_a_reserved_helper_name_is_extra_even_where_the_tree_has_no_rule()
    {
        var zone = new ConvergedZone(DriftTrees.Weighted());
        zone.OtherHealthCheckIds.Add("external-check");
        var squatter = new ResourceRecordSet { Name = "_gone.api.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.6"] };
        var beside = new ResourceRecordSet { Name = "_pair.api.example.com", Type = "TXT", Ttl = 60, ResourceRecords = ["\"x\""] };
        var deeper = new ResourceRecordSet { Name = "x._pair.api.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.7"] };
        zone.Records.AddRange([squatter, beside, deeper]);

        var items = zone.Detect().Items;
        Assert.Equal([squatter.Key, beside.Key], items.Select(i => i.Record!.Value));
        Assert.All(items, i => Assert.Equal(ExtraRecordPlace.HelperName, i.Place));
        Assert.All(items, i => Assert.False(i.BlocksRepair));
    }

    [Fact]
    public void A_record_the_tree_owns_but_no_longer_wants_is_a_left_over()
    {
        var zone = new ConvergedZone(DriftTrees.Weighted());
        zone.OtherHealthCheckIds.Add("external-check");
        var old = new ResourceRecordSet { Name = "api-old.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.8"] };
        var oldMember =
            new ResourceRecordSet { Name = "api.example.com", Type = "A", SetIdentifier = "c", Weight = 3, Ttl = 60,
            ResourceRecords = ["203.0.113.9"] };
        zone.Records.AddRange([old, oldMember]);
        zone.Owned.UnionWith([old.Key, oldMember.Key]);

        var items = zone.Detect().Items;
        Assert.Equal([(old.Key, ExtraRecordPlace.LeftOver), (oldMember.Key, ExtraRecordPlace.TreeGroup)],
            items.Select(i => (i.Record!.Value, i.Place!.Value)));
        Assert.All(items, i => Assert.True(i.Owned));
        Assert.All(items, i => Assert.False(i.BlocksRepair));
    }

    [Fact]
    public void A_deleted_health_check_is_missing_and_the_record_naming_it_is_dangling()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        var check = zone.HealthCheckOf("use1-b");
        zone.HealthChecks.Remove(check);

        var items = zone.Detect().Items;
        Assert.Equal(2, items.Count);
        Assert.Equal(
            new DriftItem(DriftKind.RecordHealthCheckDeleted) { Record = zone.Record("use1-b").Key, NodeId = "use1-b",
            HealthCheckId = check.Id }, items[0]);
        Assert.Equal(DriftKind.HealthCheckMissing, items[1].Kind);
        Assert.Equal("use1-b", items[1].NodeId);
        Assert.Equal(zone.Desired.HealthChecks.Single(h => h.NodeId == "use1-b").CallerReference, items[1].CallerReference);
    }

    [Fact]
    public void A_deleted_health_check_named_by_id_in_the_spec_leaves_its_record_dangling()
    {
        var zone = new ConvergedZone(DriftTrees.Weighted());
        Assert.DoesNotContain("external-check", zone.OtherHealthCheckIds);

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(DriftKind.RecordHealthCheckDeleted, item.Kind);
        Assert.Equal("spare", item.NodeId);
        Assert.Equal("external-check", item.HealthCheckId);
    }

    [Fact]
    public void A_health_check_with_another_config_is_changed_field_by_field()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        var check = zone.HealthCheckOf("euw1");
        zone.HealthChecks[zone.HealthChecks.IndexOf(check)] =
            check with { Config = check.Config with { FailureThreshold = 5, ResourcePath = "/other" } };

        var item = Assert.Single(zone.Detect().Items);
        Assert.Equal(DriftKind.HealthCheckChanged, item.Kind);
        Assert.Equal(check.Id, item.HealthCheckId);
        Assert.Equal([new FieldDifference("resourcePath", "/health", "/other"), new FieldDifference("failureThreshold", "3", "5")],
            item.Fields);
    }

    [Fact]
    public void A_record_naming_another_existing_check_or_none_has_a_changed_health_check_id()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        var ofA = zone.HealthCheckOf("use1-a").Id;
        var ofB = zone.HealthCheckOf("use1-b").Id;
        zone.Replace("use1-a", r => r with { HealthCheckId = ofB });
        zone.Replace("euw1", r => r with { HealthCheckId = null });

        var items = zone.Detect().Items;
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(DriftKind.RecordChanged, i.Kind));
        Assert.Contains(items, i => i.NodeId == "use1-a" && i.Fields.SequenceEqual([new FieldDifference("healthCheckId", ofA, ofB)]));
        Assert.Contains(items,
            i => i.NodeId == "euw1" && i.Fields.SequenceEqual([new FieldDifference("healthCheckId", zone.HealthCheckOf("euw1").Id, null)]));
    }

    [Fact]
    public void Items_come_in_the_same_order_whatever_order_the_zone_listed_them_in()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("use1-a", r => r with { Weight = 1 });
        zone.Delete("euw1");
        zone.HealthChecks.Remove(zone.HealthCheckOf("use1-b"));
        var first = zone.Detect().Items;
        zone.Records.Reverse();
        zone.HealthChecks.Reverse();
        Assert.Equal(first, zone.Detect().Items);
        Assert.Equal(
            [DriftKind.RecordMissing, DriftKind.RecordChanged, DriftKind.RecordHealthCheckDeleted, DriftKind.HealthCheckMissing],
            first.Select(i => i.Kind));
    }

    [Theory]
    [InlineData("_pair.api.example.com", true)]
    [InlineData("_pair.api.example.com.", true)]
    [InlineData("_PAIR.API.example.com", true)]
    [InlineData("pair.api.example.com", false)]
    [InlineData("x._pair.api.example.com", false)]
    [InlineData("_.api.example.com", false)]
    [InlineData("_pair.xapi.example.com", false)]
    [InlineData("api.example.com", false)]
    public void Reserved_helper_names_are_one_underscore_label_under_the_record_name(string name, bool reserved) =>
        Assert.Equal(reserved, ReservedNames.IsHelperNameOf(name, "api.example.com"));
}
