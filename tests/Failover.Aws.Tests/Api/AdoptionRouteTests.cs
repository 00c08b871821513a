using Failover.Core.Adoption;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// <c>POST /adoptions</c>: a dry run by default (the spec, what it takes over, an empty plan that shows its claims),
/// <c>dryRun=false</c> starts the take-over run, and the refusals — a shape the spec cannot say (on its record), a name
/// another tree answers for, a zone outside the allow-list, a body that is not the request.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AdoptionRouteTests
{
    private const string CheckId = "0b1c2d3e-0000-4000-8000-000000000001";

    private static readonly HealthCheckConfig Https = new()
    {
        Type = "HTTPS", IpAddress = "192.0.2.10", Port = 443, ResourcePath = "/health", FullyQualifiedDomainName = "www.example.com",
        EnableSni = true,
    };

    /// <summary>A weighted pair built by hand (one with a health check), and an alias that leaves the zone.</summary>
    public static List<ResourceRecordSet> HandBuilt() =>
    [
        Weighted("Blue", 200, "192.0.2.10") with { HealthCheckId = CheckId },
        Weighted("green", 55, "192.0.2.11"),
        new()
        {
            Name = "away.example.com", Type = "A", SetIdentifier = "out", Failover = "PRIMARY",
            AliasTarget = new AliasTarget("ZOTHERZONE", "www.example.net", true),
        },
        new()
        {
            Name = "away.example.com", Type = "A", SetIdentifier = "sorry", Failover = "SECONDARY", Ttl = 60,
            ResourceRecords = ["192.0.2.9"],
        },
    ];

    private static ResourceRecordSet Weighted(string id, long weight, string address) => new()
    {
        Name = "www.example.com", Type = "A", SetIdentifier = id, Weight = weight, Ttl = 300, ResourceRecords = [address],
    };

    internal static ApiHarness Harness()
    {
        var zone = new ZoneSnapshot(ApiHarness.AllowedZone, "example.com", HandBuilt(), [new ExistingHealthCheckView(CheckId, Https)]);
        var api = new ApiHarness { Adoptions = new FakeZoneAdoptions(zone) };
        api.Zone.State = new ActualState(HandBuilt(), [new ExistingHealthCheck(CheckId, "by-hand-1", Https)], new HashSet<RecordKey>());
        return api;
    }

    public static string Body(string recordName = "www.example.com", string zone = ApiHarness.AllowedZone) =>
        $$"""{"hostedZoneId": "{{zone}}", "recordName": "{{recordName}}"}""";

    [Fact]
    public async Task A_dry_run_is_the_default_and_answers_the_spec_what_it_takes_over_and_an_empty_plan_with_its_claims()
    {
        var api = Harness();

        var response = await api.SendAsync("POST", "/adoptions", Body());

        Assert.Equal(200, response.StatusCode);
        var json = ApiHarness.Json(response);
        Assert.True(json.GetProperty("dryRun").GetBoolean());
        Assert.Equal("www", json.GetProperty("tree").GetString());
        var spec = SpecLoader.Load(json.GetProperty("spec").GetRawText());
        Assert.False(spec.HasErrors, string.Join("\n", spec.Diagnostics));
        Assert.Equal(RoutingPolicy.Weighted, spec.Spec!.Root.Routing);
        Assert.Equal(["Blue", "green"],
            json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("setIdentifier").GetString()));
        Assert.Equal([CheckId], json.GetProperty("healthChecks").EnumerateArray().Select(c => c.GetString()));
        var plan = json.GetProperty("plan");
        Assert.All(plan.GetProperty("layers").EnumerateArray(), layer =>
            Assert.False(layer.TryGetProperty("changeBatches", out var batches) && batches.GetArrayLength() > 0, layer.GetRawText()));
        var claims = plan.GetProperty("claims");
        Assert.Equal(["www.example.com."], claims.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("name").GetString())
            .Distinct());
        Assert.Equal(2, claims.GetProperty("records").GetArrayLength());
        Assert.Equal(CheckId, Assert.Single(claims.GetProperty("healthChecks").EnumerateArray()).GetProperty("healthCheckId").GetString());
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task With_dryRun_false_the_adopted_spec_is_applied_as_a_new_version_202()
    {
        var api = Harness();

        var response = await api.SendAsync("POST", "/adoptions?dryRun=false", Body()[..^1] + """, "tree": "front"}""");

        Assert.Equal(202, response.StatusCode);
        var call = Assert.Single(api.Runs.Calls);
        Assert.Equal(("front", RunKind.Apply), (call.Tree, call.Kind));
        Assert.Equal(CheckId, call.Spec!.Adopt!.HealthChecks.Values.Single());
        Assert.StartsWith("/runs/", response.Headers["location"]);
    }

    [Fact]
    public async Task A_shape_the_spec_cannot_say_is_400_not_adoptable_naming_the_record()
    {
        var api = Harness();

        var response = await api.SendAsync("POST", "/adoptions", Body("away.example.com"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("not-adoptable", ApiHarness.ProblemName(response));
        var error = Assert.Single(ApiHarness.Json(response).GetProperty("errors").EnumerateArray());
        Assert.Equal("$.recordName", error.GetProperty("path").GetString());
        Assert.Contains("away.example.com A [out]", error.GetProperty("message").GetString());
        Assert.Empty(api.Runs.Calls);
    }

    [Fact]
    public async Task A_name_another_tree_answers_for_is_409_name_claimed()
    {
        var adoptions = new FakeZoneAdoptions(new ZoneSnapshot(ApiHarness.AllowedZone, "example.com", HandBuilt(), []));
        adoptions.Owners["www.example.com"] = "status";
        var owned = new ApiHarness { Adoptions = adoptions };

        var response = await owned.SendAsync("POST", "/adoptions?dryRun=false", Body());

        Assert.Equal(409, response.StatusCode);
        Assert.Equal("name-claimed", ApiHarness.ProblemName(response));
        Assert.Contains("tree 'status'", ApiHarness.Json(response).GetProperty("detail").GetString());
        Assert.Empty(owned.Runs.Calls);
    }

    [Fact]
    public async Task A_zone_outside_the_allow_list_is_403_before_the_zone_is_read()
    {
        var api = Harness();

        var response = await api.SendAsync("POST", "/adoptions", Body(zone: ApiHarness.OtherZone));

        Assert.Equal(403, response.StatusCode);
        Assert.Equal(0, ((FakeZoneAdoptions)api.Adoptions!).Reads);
    }

    [Theory]
    [InlineData("""{"recordName": "www.example.com"}""", "$.hostedZoneId")]
    [InlineData("""{"hostedZoneId": "ZALLOWED1", "recordName": " "}""", "$.recordName")]
    [InlineData("""{"hostedZoneId": "ZALLOWED1", "recordName": "www.example.com", "zone": "x"}""", "$")]
    [InlineData("""["www.example.com"]""", "$")]
    public async Task A_body_that_is_not_an_adoption_request_is_400_invalid_request_with_its_path(string body, string path)
    {
        var response = await Harness().SendAsync("POST", "/adoptions", body);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid-request", ApiHarness.ProblemName(response));
        Assert.Contains(path, ApiHarness.ErrorPaths(response));
    }

    [Fact]
    public async Task A_deployment_without_adoption_answers_501()
    {
        var response = await new ApiHarness().SendAsync("POST", "/adoptions", Body());

        Assert.Equal(501, response.StatusCode);
        Assert.Equal("adoption-unavailable", ApiHarness.ProblemName(response));
    }
}
