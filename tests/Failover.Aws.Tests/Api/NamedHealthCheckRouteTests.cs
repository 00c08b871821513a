using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Ports;

namespace Failover.Aws.Tests.Api;

/// <summary>POST /trees refuses a spec that attaches, by id, a health check another tree owns.</summary>
[Trait("Category", "Unit")]
public sealed class NamedHealthCheckRouteTests
{
    private const string Foreign = "11111111-2222-3333-4444-555555555555";
    private const string Own = "66666666-7777-8888-9999-000000000000";

    /// <summary>The tags the API would read: one check tagged as tree "billing", one as tree "status" (the spec's own).</summary>
    private sealed class TaggedChecks : IHealthCheckOwners
    {
        public int Reads { get; private set; }

        public async Task<IReadOnlyList<ForeignHealthCheck>> FindForeignAsync(TreeSpec spec, CancellationToken cancellationToken)
        {
            Reads++;
            var owners = new Dictionary<string, string> { [Foreign] = "billing", [Own] = "status" };
            return NamedHealthChecks.Of(spec)
                .Where(n => owners.TryGetValue(n.HealthCheckId, out var owner) && owner != spec.Name)
                .Select(n => new ForeignHealthCheck(n.NodeId, n.Path, n.HealthCheckId, owners[n.HealthCheckId]))
                .ToList();
        }
    }

    private static string SpecNaming(string healthCheckId) =>
        Specs.Failover().Replace(
            "\"healthCheck\": { \"type\": \"HTTPS\", \"path\": \"/status\" }", $"\"healthCheckId\": \"{healthCheckId}\"");

    [Fact]
    public async Task A_check_tagged_as_another_trees_is_400_at_the_leafs_path_and_no_run_starts()
    {
        var owners = new TaggedChecks();
        var api = new ApiHarness { HealthCheckOwners = owners };

        var response = await api.SendAsync("POST", "/trees", SpecNaming(Foreign));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("invalid-spec", ApiHarness.ProblemName(response));
        Assert.Equal(["$.root.primary.endpoint.healthCheckId"], ApiHarness.ErrorPaths(response));
        Assert.Contains("tagged as tree 'billing'", ApiHarness.Json(response).GetProperty("detail").GetString());
        Assert.Empty(api.Runs.Calls);
        Assert.Equal(1, owners.Reads);
    }

    [Fact]
    public async Task A_dry_run_is_refused_the_same_way()
    {
        var api = new ApiHarness { HealthCheckOwners = new TaggedChecks() };

        var response = await api.SendAsync("POST", "/trees?dryRun=true", SpecNaming(Foreign));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(0, api.Zone.Reads);
    }

    [Theory]
    [InlineData(Own)]
    [InlineData("abcdefab-1234-5678-9abc-def012345678")]
    public async Task A_check_tagged_as_this_trees_or_untagged_is_accepted(string healthCheckId)
    {
        var api = new ApiHarness { HealthCheckOwners = new TaggedChecks() };

        var response = await api.SendAsync("POST", "/trees", SpecNaming(healthCheckId));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(healthCheckId, Assert.Single(api.Runs.Calls).Spec!.Root.Primary!.Endpoint!.HealthCheckId);
    }
}
