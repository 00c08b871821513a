using Failover.Core.Adoption;
using Failover.Core.Route53;
using Failover.Core.Spec;
using static Failover.Core.Tests.Adoption.ZoneFixtures;

namespace Failover.Core.Tests.Adoption;

/// <summary>
/// Zones built by hand along Route 53's failover task list: helper names and set identifiers of the user's choosing, checks
/// made separately; and the shapes the spec cannot say, each refused on its record.
/// </summary>
[Trait("Category", "Unit")]
public class HandBuiltZoneTests
{
    private static readonly HealthCheckConfig Https = new()
    {
        Type = "HTTPS", IpAddress = "192.0.2.10", Port = 443, ResourcePath = "/health", FullyQualifiedDomainName = "api.example.com",
        EnableSni = true,
    };

    private static AliasTarget InZone(string name, bool evaluate = true) => new(ZoneId, name, evaluate);

    /// <summary>www: failover, PRIMARY → "Primary Pool" at pool.example.com (weighted), SECONDARY → S3.</summary>
    private static List<ResourceRecordSet> HandBuilt() =>
    [
        Record("www.example.com", "Primary Site", alias: InZone("pool.example.com")) with { Failover = "PRIMARY" },
        Record("www.example.com", "backup", alias: new AliasTarget("Z3AQBSTGFYJSTF", "s3-website-us-east-1.amazonaws.com", true))
            with { Failover = "SECONDARY" },
        Record("pool.example.com", "Blue", ttl: 300, values: ["192.0.2.10"]) with { Weight = 200, HealthCheckId = CheckId("blue") },
        Record("pool.example.com", "green_1", ttl: 300, values: ["192.0.2.11"]) with { Weight = 55, HealthCheckId = CheckId("green") },
        Record("other.example.com", ttl: 300, values: ["203.0.113.5"]),
    ];

    private static List<ExistingHealthCheckView> Checks() =>
    [
        new(CheckId("blue"), Https),
        // Checks another address than its record's: only its id can say it.
        new(CheckId("green"), Https with { IpAddress = "192.0.2.99" }),
    ];

    [Fact]
    public void Hand_named_helpers_and_set_identifiers_are_kept_so_the_tree_compiles_to_the_zone()
    {
        var zone = new ZoneSnapshot(ZoneId, "example.com", HandBuilt(), Checks());
        var (spec, result) = AdoptClean(zone, "www.example.com", "www");

        var pool = spec.Root.Primary!;
        Assert.Equal("pool.example.com", pool.HelperName);
        Assert.Equal(("primary-site", "Primary Site"), (pool.Id, pool.SetIdentifier));
        Assert.Equal(RoutingPolicy.Weighted, pool.Routing);
        Assert.Equal(["blue", "green-1"], pool.Children.Select(c => c.Id));
        Assert.Equal(["Blue", "green_1"], pool.Children.Select(c => c.SetIdentifier));
        Assert.Equal(300, spec.Ttl);
        Assert.Equal("/health", pool.Children[0].Endpoint!.HealthCheck!.Path);
        Assert.Equal(CheckId("green"), pool.Children[1].Endpoint!.HealthCheckId);
        Assert.Equal(new Dictionary<string, string> { ["blue"] = CheckId("blue") }, spec.Adopt!.HealthChecks);
        Assert.Contains(result.Warnings, w => w.Message.Contains("192.0.2.99") && w.Record!.Value.SetIdentifier == "green_1");
        Assert.Equal(4, result.Records.Count);

        SameRecords(HandBuilt().Where(r => r.Name != "other.example.com"), Recompile(spec));
    }

    [Fact]
    public void A_check_shared_by_two_records_is_kept_by_id()
    {
        var records = HandBuilt().Select(r => r.SetIdentifier == "green_1" ? r with { HealthCheckId = CheckId("blue") } : r).ToList();
        var (spec, result) = AdoptClean(new ZoneSnapshot(ZoneId, "example.com", records, Checks()), "www.example.com");
        Assert.All(spec.Root.Primary!.Children, c => Assert.Equal(CheckId("blue"), c.Endpoint!.HealthCheckId));
        Assert.Empty(spec.Adopt!.HealthChecks);
        Assert.Contains(result.Warnings, w => w.Message.Contains("serves several records"));
        SameRecords(records.Where(r => r.Name != "other.example.com"), Recompile(spec));
    }

    public static TheoryData<string, string, string> Refusals() => new()
    {
        { "leaves the zone", "alias-other-zone", "leaves the zone" },
        { "loop", "loop", "more than one alias" },
        { "mixed policies", "mixed", "mix routing policies" },
        { "alias to a simple record", "simple-target", "single simple record" },
        { "missing target", "missing", "holds no A records" },
        { "no target health", "no-eth", "does not evaluate target health" },
        { "check of another tree", "foreign-check", "belongs to tree 'billing'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Shapes_the_spec_cannot_say_are_errors_on_their_record(string shape, string variant, string message)
    {
        var records = new List<ResourceRecordSet>
        {
            Record("www.example.com", "p", alias: InZone("pool.example.com", evaluate: variant != "no-eth")) with { Failover = "PRIMARY" },
            Record("www.example.com", "s", values: ["198.51.100.1"]) with { Failover = "SECONDARY" },
        };
        var checks = new List<ExistingHealthCheckView>();
        switch (variant)
        {
            case "alias-other-zone":
                records[1] = Record("www.example.com", "s", alias: new AliasTarget("Z9OTHERZONE", "www.example.org", true))
                    with { Failover = "SECONDARY" };
                break;
            case "loop":
                records.Add(Record("pool.example.com", "back", alias: InZone("www.example.com")) with { Weight = 1 });
                break;
            case "mixed":
                records.Add(Record("pool.example.com", "w") with { Weight = 1 });
                records.Add(Record("pool.example.com", "l") with { Region = "us-east-1" });
                break;
            case "simple-target":
                records.Add(Record("pool.example.com"));
                break;
            case "foreign-check":
                records.Add(Record("pool.example.com", "w") with { Weight = 1, HealthCheckId = CheckId("x") });
                checks.Add(new ExistingHealthCheckView(CheckId("x"), Https with { IpAddress = "192.0.2.1" }, TreeTag: "billing"));
                break;
        }
        if (variant is "alias-other-zone" or "no-eth") records.Add(Record("pool.example.com", "w") with { Weight = 1 });

        var result = ZoneAdopter.Adopt(new ZoneSnapshot(ZoneId, "example.com", records, checks),
            new AdoptionRequest("www", "www.example.com"));

        Assert.Null(result.Spec);
        Assert.Contains(result.Errors, e => e.Message.Contains(message) && e.Record is not null);
        Assert.True(result.Errors.All(e => e.Record is not null), shape);
    }

    [Fact]
    public void A_name_with_several_types_needs_the_type_named_unless_they_are_one_dual_stack_tree()
    {
        List<ResourceRecordSet> records = [Record("www.example.com"), Record("www.example.com", type: "TXT", values: ["\"v=spf1\""])];
        var mixed = new ZoneSnapshot(ZoneId, "example.com", records, []);
        Assert.Contains("several types (A, TXT)", ZoneAdopter.Adopt(mixed, new AdoptionRequest("w", "www.example.com")).Errors[0].Message);

        List<ResourceRecordSet> twins = [Record("www.example.com"), Record("www.example.com", type: "AAAA", values: ["2001:db8::1"])];
        var zone = new ZoneSnapshot(ZoneId, "example.com", twins, []);
        var both = ZoneAdopter.Adopt(zone, new AdoptionRequest("w", "www.example.com")).Spec!;
        Assert.True(both.DualStack);
        Assert.Equal(["192.0.2.1", "2001:db8::1"], both.Root.Endpoint!.Values);
        var aaaa = ZoneAdopter.Adopt(zone, new AdoptionRequest("w", "www.example.com", "AAAA")).Spec!;
        Assert.Equal((false, "AAAA", "2001:db8::1"), (aaaa.DualStack, aaaa.RecordType, aaaa.Root.Endpoint!.Values[0]));
    }
}
