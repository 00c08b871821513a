using System.Text.Json;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Planning;

[Trait("Category", "Unit")]
public class PlanJsonWriterTests
{
    /// <summary>A plan whose records and checks between them use every field the writer knows.</summary>
    internal static Plan EveryField()
    {
        var spec = SampleTrees.Www() with
        {
            HealthCheckDefaults = new HealthCheckSettings
            {
                Type = "HTTPS_STR_MATCH", Port = 8443, Path = "/health", Fqdn = "origin.example.com", SearchString = "ok",
                    RequestInterval = 10,
                FailureThreshold = 2, MeasureLatency = true, Inverted = false, EnableSni = true,
                    Regions = ["us-east-1", "eu-west-1", "ap-southeast-1"],
            },
        };
        var geo = new TreeNode
        {
            Id = "geo", Path = "$.root.secondary", Routing = RoutingPolicy.Geolocation,
            Children =
            [
                SampleTrees.Endpoint("de", "$.root.secondary.children[0]",
                    "192.0.2.20") with { Location = new GeoLocationSpec { Country = "US", Subdivision = "CA" } },
                new TreeNode
                {
                    Id = "mv", Path = "$.root.secondary.children[1]", Routing = RoutingPolicy.Multivalue,
                        Location = new GeoLocationSpec { Continent = "EU" },
                    Children = [SampleTrees.Endpoint("mv-1", "$.root.secondary.children[1].children[0]", "192.0.2.21")],
                },
            ],
        };
        spec = spec with { Root = spec.Root with { Secondary = geo } };
        var plan = Planner.Plan(TreeCompiler.Compile(spec), ActualState.Empty);
        // The compiler never sends both an IP and a name to check; Route 53 takes both (the name goes in the Host header).
        var both = plan.Layers[0].HealthChecks[0] with { Config = plan.Layers[0].HealthChecks[0].Config with { IpAddress = "192.0.2.10" } };
        return plan with { Layers =
            [plan.Layers[0] with { HealthChecks = [.. plan.Layers[0].HealthChecks, both] }, .. plan.Layers.Skip(1)] };
    }

    [Fact]
    public void The_top_level_has_tree_zone_and_named_layers()
    {
        using var json = JsonDocument.Parse(PlanJson.Write(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty)));
        var root = json.RootElement;

        Assert.Equal("www", root.GetProperty("tree").GetString());
        Assert.Equal("Z0000000000000000000A", root.GetProperty("hostedZoneId").GetString());
        Assert.Equal(["health-checks", "leaf-records", "alias-level-1", "alias-level-2"],
            root.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.False(root.TryGetProperty("conflicts", out _));
        var check = root.GetProperty("layers")[0].GetProperty("healthChecks")[0];
        Assert.Equal(["nodeId", "callerReference", "healthCheckConfig"], check.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Changes"], root.GetProperty("layers")[1].GetProperty("changeBatches")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Record_sets_are_in_the_change_batch_shape_with_fully_qualified_names()
    {
        using var json = JsonDocument.Parse(PlanJson.Write(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty)));
        var changes = json.RootElement.GetProperty("layers").EnumerateArray()
            .Where(l => l.TryGetProperty("changeBatches", out _))
            .SelectMany(l => l.GetProperty("changeBatches").EnumerateArray())
                .SelectMany(b => b.GetProperty("Changes").EnumerateArray()).ToList();

        var euw1 = changes.Single(c => c.GetProperty("ResourceRecordSet").GetProperty("SetIdentifier").GetString() == "euw1");
        Assert.Equal("CREATE", euw1.GetProperty("Action").GetString());
        var record = euw1.GetProperty("ResourceRecordSet");
        Assert.Equal("_regions.www.example.com.", record.GetProperty("Name").GetString());
        Assert.Equal(60, record.GetProperty("TTL").GetInt64());
        Assert.Equal("198.51.100.7", record.GetProperty("ResourceRecords")[0].GetProperty("Value").GetString());
        Assert.Equal("{{healthcheck:euw1}}", record.GetProperty("HealthCheckId").GetString());

        var regions = changes.Single(c => c.GetProperty("ResourceRecordSet").GetProperty("SetIdentifier").GetString() == "regions")
            .GetProperty("ResourceRecordSet");
        Assert.Equal("PRIMARY", regions.GetProperty("Failover").GetString());
        Assert.False(regions.TryGetProperty("TTL", out _));
        Assert.False(regions.TryGetProperty("ResourceRecords", out _));
        var alias = regions.GetProperty("AliasTarget");
        Assert.Equal(("Z0000000000000000000A", "_regions.www.example.com.", true),
            (alias.GetProperty("HostedZoneId").GetString(), alias.GetProperty("DNSName").GetString(),
            alias.GetProperty("EvaluateTargetHealth").GetBoolean()));
    }

    [Fact]
    public void Every_key_in_record_sets_and_health_check_configs_is_a_member_of_route53s_model()
    {
        using var json = JsonDocument.Parse(PlanJson.Write(EveryField()));
        var seen = new Dictionary<string, HashSet<string>>();
        void Check(JsonElement element, string shape)
        {
            var members = Route53ServiceModel.MembersOf(shape);
            var keys = element.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.Subset(members.ToHashSet(), keys);
            Assert.Superset(Route53ServiceModel.RequiredOf(shape).ToHashSet(), keys);
            seen.TryAdd(shape, []);
            seen[shape].UnionWith(keys);
            foreach (var property in element.EnumerateObject())
            {
                var memberShape = Route53ServiceModel.ShapeOf(shape, property.Name);
                if (property.Value.ValueKind == JsonValueKind.Object) Check(property.Value, memberShape);
                if (property.Value.ValueKind == JsonValueKind.Array
                    && property.Value.EnumerateArray().FirstOrDefault().ValueKind == JsonValueKind.Object)
                    foreach (var item in property.Value.EnumerateArray()) Check(item, Route53ServiceModel.ElementOf(memberShape));
            }
        }

        foreach (var layer in json.RootElement.GetProperty("layers").EnumerateArray())
        {
            if (layer.TryGetProperty("healthChecks", out var checks))
                foreach (var check in checks.EnumerateArray()) Check(check.GetProperty("healthCheckConfig"), "HealthCheckConfig");
            if (layer.TryGetProperty("changeBatches", out var batches))
                foreach (var batch in batches.EnumerateArray()) Check(batch, "ChangeBatch");
        }

        // The fixture must reach every field the writer can emit, or this test proves less than it says.
        Assert.Equal(12, seen["HealthCheckConfig"].Count);
        Assert.Superset(seen["ResourceRecordSet"],
            new HashSet<string> { "Name", "Type", "SetIdentifier", "Weight", "Region", "GeoLocation", "Failover", "MultiValueAnswer", "TTL",
            "ResourceRecords", "AliasTarget", "HealthCheckId" });
        Assert.Equal(3, seen["GeoLocation"].Count);
    }

    [Fact]
    public void Health_check_configs_carry_resolved_values()
    {
        using var json = JsonDocument.Parse(PlanJson.Write(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), ActualState.Empty)));
        var config = json.RootElement.GetProperty("layers")[0].GetProperty("healthChecks").EnumerateArray()
            .Single(c => c.GetProperty("nodeId").GetString() == "use1-b").GetProperty("healthCheckConfig");

        Assert.Equal("192.0.2.11", config.GetProperty("IPAddress").GetString());
        Assert.Equal(443, config.GetProperty("Port").GetInt32());
        Assert.Equal("HTTPS", config.GetProperty("Type").GetString());
        Assert.Equal("/ready", config.GetProperty("ResourcePath").GetString());
        Assert.Equal(30, config.GetProperty("RequestInterval").GetInt32());
        Assert.Equal(3, config.GetProperty("FailureThreshold").GetInt32());
        Assert.False(config.TryGetProperty("FullyQualifiedDomainName", out _));
        Assert.False(config.TryGetProperty("Regions", out _));
    }

    [Fact]
    public void Cleanup_layers_and_conflicts_are_written()
    {
        var zone = new InMemoryZone("www", "Z0000000000000000000A");
        zone.Apply(Planner.Plan(TreeCompiler.Compile(SampleTrees.Www()), zone.State));

        using var teardown = JsonDocument.Parse(PlanJson.Write(Planner.Teardown("www", "Z0000000000000000000A", zone.State)));
        var cleanup = teardown.RootElement.GetProperty("layers").EnumerateArray().Last();
        Assert.Equal("health-check-cleanup", cleanup.GetProperty("name").GetString());
        Assert.Equal(3, cleanup.GetProperty("deleteHealthChecks").GetArrayLength());
        Assert.StartsWith("hc-", cleanup.GetProperty("deleteHealthChecks")[0].GetProperty("healthCheckId").GetString());

        var foreignAtRoot = new ResourceRecordSet { Name = "x.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] };
        var blocked =
            Planner.Plan(TreeCompiler.Compile(SampleTrees.With(SampleTrees.Endpoint("only", "$.root", "192.0.2.1"), name: "x")),
            new ActualState([foreignAtRoot], [], new HashSet<RecordKey>()));
        using var conflicts = JsonDocument.Parse(PlanJson.Write(blocked));
        var conflict = conflicts.RootElement.GetProperty("conflicts")[0];
        Assert.Equal(("x.example.com.", "A"), (conflict.GetProperty("name").GetString(), conflict.GetProperty("type").GetString()));
        Assert.Contains("does not own", conflict.GetProperty("reason").GetString());
    }

    [Fact]
    public void Values_with_quotes_are_escaped_as_json()
    {
        var record =
            new ResourceRecordSet { Name = "t.example.com", Type = "TXT", Ttl = 60,
            ResourceRecords = ["\"v=spf1 include:_spf.example.com -all\""] };
        var plan =
            new Plan("t", "Z1",
            [
            new PlanLayer("leaf-records",
            PlanLayerKind.Records) { ChangeBatches = [new ChangeBatch([new RecordChange(ChangeAction.Create, record)])] }]);

        using var json = JsonDocument.Parse(PlanJson.Write(plan, indented: false));

        Assert.Equal("\"v=spf1 include:_spf.example.com -all\"",
            json.RootElement.GetProperty("layers")[0].GetProperty("changeBatches")[0].GetProperty("Changes")[0]
            .GetProperty("ResourceRecordSet").GetProperty("ResourceRecords")[0].GetProperty("Value").GetString());
    }
}
