using Failover.Core.Compilation;
using Failover.Core.Contracts;
using Failover.Core.Drift;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Routing;

/// <summary>Plans and drift of an ip-based tree's CIDR collection: made before its records, removed after them.</summary>
[Trait("Category", "Unit")]
public class IpBasedPlanTests
{
    private const string Spec = """
        {
          "name": "offices", "hostedZoneId": "Z1", "zoneName": "example.com", "recordName": "app.example.com", "recordType": "A",
          "root": {
            "id": "by-network", "routing": "ip-based",
            "children": [
              { "id": "paris", "cidr": { "location": "paris", "blocks": ["192.0.2.0/24"] }, "endpoint": { "values": ["198.51.100.1"] } },
              { "id": "isp", "cidr": { "location": "isp", "blocks": ["192.0.0.0/16"] }, "endpoint": { "values": ["198.51.100.2"] } },
              { "id": "rest", "cidr": { "default": true }, "endpoint": { "values": ["198.51.100.3"] } }
            ]
          }
        }
        """;

    private const string CollectionId = "11111111-2222-4333-8444-555555555555";

    private static CompiledTree Compiled(string spec = Spec) => TreeCompiler.Compile(SpecParser.Parse(spec).Spec!);

    private static Dictionary<string, IReadOnlyList<string>> Locations(params (string Name, string[] Blocks)[] locations) =>
        locations.ToDictionary(l => l.Name, l => (IReadOnlyList<string>)l.Blocks, StringComparer.Ordinal);

    /// <summary>The zone after a first apply: the records with the collection's id, and the collection as planned.</summary>
    private static ActualState Applied(CompiledTree tree, IReadOnlyDictionary<string, IReadOnlyList<string>> locations)
    {
        var records = tree.Records.Select(r => r.RecordSet with
        {
            CidrRoutingConfig = r.RecordSet.CidrRoutingConfig! with { CollectionId = CollectionId },
        }).ToList();
        return new ActualState(records, [], records.Select(r => r.Key).ToHashSet())
        {
            CidrCollections = [new ExistingCidrCollection(CollectionId, "failover-offices_by-network", 3, locations)],
        };
    }

    [Fact]
    public void A_new_tree_creates_its_collection_before_the_records_that_name_it()
    {
        var plan = Planner.Plan(Compiled(), ActualState.Empty);

        Assert.Equal([LayerNames.CidrCollections, LayerNames.LeafRecords], plan.Layers.Select(l => l.Name));
        var collection = Assert.Single(plan.Layers[0].CidrCollections);
        Assert.Null(collection.Id);
        Assert.Equal("failover-offices_by-network", collection.Name);
        Assert.True(collection.CallerReference.Length <= 64);
        Assert.Equal(["PUT isp 192.0.0.0/16", "PUT paris 192.0.2.0/24"],
            collection.Changes.Select(c => $"{c.ActionName} {c.LocationName} {string.Join(",", c.Blocks)}"));
        Assert.All(plan.Layers[1].ChangeBatches.SelectMany(b => b.Changes),
            c => Assert.Equal("{{cidrcollection:by-network}}", c.RecordSet.CidrRoutingConfig!.CollectionId));
        Assert.Equal(1, plan.Summary.CidrCollectionsChanged);
    }

    [Fact]
    public void A_matching_collection_and_records_plan_nothing()
    {
        var tree = Compiled();
        var plan = Planner.Plan(tree, Applied(tree, Locations(("paris", ["192.0.2.0/24"]), ("isp", ["192.0.0.0/16"]))));

        Assert.True(plan.IsEmpty);
    }

    [Fact]
    public void Blocks_changed_out_of_band_are_put_back_before_the_records_and_the_extra_location_goes_after_them()
    {
        var tree = Compiled();
        var actual = Applied(tree, Locations(("paris", ["192.0.2.0/24", "203.0.113.0/24"]), ("lab", ["198.51.100.0/24"])));

        var plan = Planner.Plan(tree, actual);

        Assert.Equal([LayerNames.CidrCollections, LayerNames.CidrCollectionCleanup], plan.Layers.Select(l => l.Name));
        var before = Assert.Single(plan.Layers[0].CidrCollections);
        Assert.Equal(CollectionId, before.Id);
        Assert.Equal(3, before.Version);
        Assert.Equal(["DELETE_IF_EXISTS paris 203.0.113.0/24", "PUT isp 192.0.0.0/16"],
            before.Changes.Select(c => $"{c.ActionName} {c.LocationName} {string.Join(",", c.Blocks)}"));
        Assert.Equal(["isp", "lab", "paris"], before.Locations!.Keys.Order());
        var after = Assert.Single(plan.Layers[1].CidrCollections);
        Assert.Equal(["DELETE_IF_EXISTS lab 198.51.100.0/24"], after.Changes.Select(c => $"{c.ActionName} {c.LocationName} {c.Blocks[0]}"));

        var drift = DriftDetector.Detect(tree, actual, new HashSet<string>());
        var item = Assert.Single(drift.Items);
        Assert.Equal(DriftKind.CidrCollectionChanged, item.Kind);
        Assert.Equal(["cidr.isp 192.0.0.0/16 → (none)", "cidr.lab (none) → 198.51.100.0/24",
            "cidr.paris 192.0.2.0/24 → 192.0.2.0/24,203.0.113.0/24"], item.Fields.Select(f => f.ToString()));
    }

    [Fact]
    public void A_block_moving_to_a_new_location_leaves_the_old_one_in_the_same_request()
    {
        var tree = Compiled(Spec.Replace("\"location\": \"paris\"", "\"location\": \"lyon\""));
        var plan = Planner.Plan(tree, Applied(Compiled(), Locations(("paris", ["192.0.2.0/24"]), ("isp", ["192.0.0.0/16"]))));

        var before = Assert.Single(plan.Layers.Single(l => l.Name == LayerNames.CidrCollections).CidrCollections);
        Assert.Equal(["DELETE_IF_EXISTS paris", "PUT lyon"], before.Changes.Select(c => $"{c.ActionName} {c.LocationName}"));
        Assert.Equal(LayerNames.LeafRecords, plan.Layers.Last().Name);
    }

    [Fact]
    public void A_location_whose_blocks_all_move_keeps_one_until_its_records_are_gone()
    {
        var spec = Spec.Replace("\"location\": \"paris\", \"blocks\": [\"192.0.2.0/24\"]",
            "\"location\": \"lyon\", \"blocks\": [\"192.0.2.0/24\", \"198.51.100.0/24\"]");
        var plan = Planner.Plan(Compiled(spec),
            Applied(Compiled(), Locations(("paris", ["192.0.2.0/24", "198.51.100.0/24"]), ("isp", ["192.0.0.0/16"]))));

        Assert.Equal([LayerNames.CidrCollections, LayerNames.LeafRecords, LayerNames.CidrCollectionCleanup],
            plan.Layers.Select(l => l.Name));
        Assert.Equal(["DELETE_IF_EXISTS paris 198.51.100.0/24", "PUT lyon 198.51.100.0/24"],
            plan.Layers[0].CidrCollections[0].Changes.Select(c => $"{c.ActionName} {c.LocationName} {string.Join(",", c.Blocks)}"));
        Assert.Equal(["DELETE_IF_EXISTS paris 192.0.2.0/24", "PUT lyon 192.0.2.0/24"],
            plan.Layers[2].CidrCollections[0].Changes.Select(c => $"{c.ActionName} {c.LocationName} {string.Join(",", c.Blocks)}"));
    }

    [Fact]
    public void Teardown_empties_and_deletes_the_collection_after_the_records()
    {
        var tree = Compiled();
        var plan = Planner.Teardown("offices", "Z1", Applied(tree, Locations(("paris", ["192.0.2.0/24"]), ("isp", ["192.0.0.0/16"]))));

        Assert.Equal([LayerNames.DeleteLeafRecords, LayerNames.CidrCollectionCleanup], plan.Layers.Select(l => l.Name));
        var deletion = Assert.Single(plan.Layers[1].CidrCollections);
        Assert.True(deletion.Deletes);
        Assert.Equal("by-network", deletion.RuleId);
    }

    [Fact]
    public void Another_trees_collection_is_never_touched()
    {
        var actual = ActualState.Empty with
        {
            CidrCollections = [new ExistingCidrCollection(CollectionId, "failover-offices-eu_by-network", 1, Locations())],
        };

        Assert.True(Planner.Teardown("offices", "Z1", actual).IsEmpty);
        Assert.Equal("offices-eu", DesiredCidrCollection.TreeOf("failover-offices-eu_by-network"));
    }

    [Fact]
    public void The_plan_document_carries_the_collection_in_the_aws_cli_shapes_and_reads_back()
    {
        var plan = Planner.Plan(Compiled(), ActualState.Empty);

        var json = PlanJson.Write(plan);

        Assert.Contains("\"cidrCollections\"", json);
        Assert.Contains("\"Action\": \"PUT\"", json);
        Assert.Contains("\"CidrList\"", json);
        var read = PlanJson.Read(json);
        Assert.Equal(plan.Layers[0].CidrCollections, read.Layers[0].CidrCollections);
        Assert.Equal(PlanJson.Write(plan), PlanJson.Write(read));
        Assert.Contains("CREATE  failover-offices_by-network", PlanTextWriter.Write(plan));
    }
}
