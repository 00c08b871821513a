using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class PlanJsonReaderTests
{
    private static Plan Create() => Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty);

    /// <summary>v1 applied to a zone, then a v2 that changes a weight, drops a leaf and switches a check: UPSERTs, deletions,
    /// cleanup.</summary>
    private static Plan Update()
    {
        var zone = new InMemoryZone("www", "Z0000000000000000000A");
        zone.Apply(Create());
        var v1 = SampleTrees.Www();
        var weighted = v1.Root.Primary!.Children[0];
        var v2 = v1 with
        {
            Root = v1.Root with
            {
                Primary = v1.Root.Primary with
                {
                    Children =
                    [
                        weighted with { Children = [weighted.Children[0] with { Weight = 20 }] },
                        v1.Root.Primary.Children[1] with { Endpoint =
                            v1.Root.Primary.Children[1].Endpoint! with { HealthCheck = new HealthCheckSettings { Path = "/deep" } } },
                    ],
                },
            },
        };
        return Planner.Plan(TreeCompiler.Compile(v2), zone.State);
    }

    [Fact]
    public void A_plan_read_back_writes_the_same_json()
    {
        foreach (var plan in new[] { Create(), Update() })
        {
            var json = PlanJson.Write(plan);

            var read = PlanJson.Read(json);

            Assert.Equal(json, PlanJson.Write(read));
        }
    }

    [Fact]
    public void Layers_keep_their_kind_changes_their_nodes_and_records_their_core_names()
    {
        var plan = Update();

        var read = PlanJson.Read(PlanJson.Write(plan, indented: false));

        Assert.Equal(plan.Layers.Select(l => (l.Name, l.Kind)), read.Layers.Select(l => (l.Name, l.Kind)));
        Assert.Contains(read.Layers, l => l.Kind == PlanLayerKind.HealthCheckCleanup);
        Assert.Contains(read.AllChanges(), c => c.Action == ChangeAction.Delete);
        Assert.Contains(read.AllChanges(), c => c.Action == ChangeAction.Upsert);
        Assert.Equal(plan.AllChanges().Select(c => c.NodeId), read.AllChanges().Select(c => c.NodeId));
        foreach (var (written, back) in plan.AllChanges().Zip(read.AllChanges()))
        {
            Assert.True(written.RecordSet.SameAs(back.RecordSet), $"{written.Describe()} came back as {back.Describe()}");
            Assert.False(back.RecordSet.Name.EndsWith('.'));
        }
        Assert.Equal(plan.Summary, read.Summary);
    }

    [Fact]
    public void Health_check_layers_keep_references_configs_and_deletions()
    {
        var plan = Update();

        var read = PlanJson.Read(PlanJson.Write(plan));

        var created = plan.Layers.Single(l => l.Kind == PlanLayerKind.HealthChecks).HealthChecks;
        var createdBack = read.Layers.Single(l => l.Kind == PlanLayerKind.HealthChecks).HealthChecks;
        Assert.Equal(created.Select(c => (c.NodeId, c.CallerReference)), createdBack.Select(c => (c.NodeId, c.CallerReference)));
        Assert.All(created.Zip(createdBack), pair => Assert.True(pair.First.Config.SameAs(pair.Second.Config)));
        Assert.Equal(
            plan.Layers.Single(l => l.Kind == PlanLayerKind.HealthCheckCleanup).HealthCheckDeletions,
            read.Layers.Single(l => l.Kind == PlanLayerKind.HealthCheckCleanup).HealthCheckDeletions);
    }

    [Fact]
    public void Conflicts_come_back_with_their_keys_and_reasons()
    {
        var foreign = new ResourceRecordSet { Name = "x.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] };
        var plan = Planner.Plan(TreeCompiler.Compile(SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "192.0.2.1"), name: "x")),
            new ActualState([foreign], [], new HashSet<RecordKey>()));

        var read = PlanJson.Read(PlanJson.Write(plan));

        Assert.Equal(plan.Conflicts, read.Conflicts);
        Assert.True(read.HasConflicts);
    }

    [Fact]
    public void A_plan_written_before_node_ids_were_kept_reads_with_no_node_ids()
    {
        var json =
            """{"tree":"t","hostedZoneId":"Z1","layers":[{"name":"leaf-records","changeBatches":[{"Changes":[""" +
            """{"Action":"CREATE","ResourceRecordSet":{"Name":"t.example.com.","Type":"A","TTL":60,"ResourceRecords":[""" +
            """{"Value":"192.0.2.1"}]}}]}]}]}""";

        var plan = PlanJson.Read(json);

        var change = Assert.Single(plan.AllChanges());
        Assert.Null(change.NodeId);
        Assert.Equal("t.example.com", change.RecordSet.Name);
        Assert.Equal(PlanSummary.Empty, plan.Summary);
    }

    [Theory]
    [InlineData("[]", "$: expected an object")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z1"}""", "$.layers: missing")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z1","layers":[{"name":"x"}]}""", "$.layers[0]: a layer needs")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z1","layers":[{"name":"x","changeBatches":[{"Changes":[""" +
        """{"Action":"MOVE","ResourceRecordSet":{}}]}]}]}""", "$.layers[0].changeBatches[0].Changes[0].Action: 'MOVE'")]
    [InlineData("{", "not JSON")]
    public void A_document_that_is_not_a_plan_is_refused_with_the_path(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => PlanJson.Read(json));

        Assert.Contains(expected, error.Message);
    }
}
