using System.Text.Json;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.Api;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// Adoption as a user with only the deployed API does it: <c>failover adopt --api</c> (POST /adoptions, a dry run), the
/// plan through the service showing the claims in its JSON, <c>apply --api</c> taking the records over with no record
/// written (counted by the realism layer), and the plan empty afterwards.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AdoptionThroughApiTests(ApiStackFixture stack, ITestOutputHelper log)
{
    private readonly ZoneByHand _zone = new(stack.Support, stack.ZoneId, stack.Stack.Realism.Stats);

    private Task<(int Code, string Out, string Error)> CliAsync(params string[] args) =>
        stack.Support.CliAsync([.. args, "--api", stack.Api.BaseUrl.ToString()]);

    [Fact]
    public async Task Adopt_plan_and_apply_through_the_API_take_a_hand_built_pair_over_with_no_record_written()
    {
        var name = "byapi.example.com";
        var check = await _zone.CreateHealthCheckAsync("192.0.2.81");
        await _zone.UpsertAsync(ZoneByHand.Weighted(name, "east", 70, "192.0.2.81", check),
            ZoneByHand.Weighted(name, "west", 30, "192.0.2.82", null));
        var before = await _zone.AtAsync(name);
        var specPath = Path.Combine(Path.GetTempPath(), $"failover-adopt-api-{Guid.NewGuid():N}.json");
        try
        {
            var adopted = await CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "-o", specPath);
            Assert.True(adopted.Code == 0, adopted.Error);
            Assert.Contains("2 record set(s), 1 health check(s) to take over", adopted.Error);
            var spec = SpecLoader.Load(File.ReadAllText(specPath)).Spec!;
            Assert.Equal(("byapi", RoutingPolicy.Weighted), (spec.Name, spec.Root.Routing));

            // The service's dry run: nothing to change, and the claims in the plan's JSON as in its text.
            var planned = await CliAsync("plan", specPath, "--json", "--detailed-exitcode");
            Assert.True(planned.Code == 0, planned.Out + planned.Error);
            var claims = JsonDocument.Parse(planned.Out).RootElement.GetProperty("claims");
            Assert.Equal(["east", "west"], claims.GetProperty("records").EnumerateArray()
                .Select(r => r.GetProperty("setIdentifier").GetString()).Order());
            var claimed = Assert.Single(claims.GetProperty("healthChecks").EnumerateArray());
            Assert.Equal(check, claimed.GetProperty("healthCheckId").GetString());
            Assert.Contains("Adoption: claims 2 existing record set(s) and 1 existing health check(s)",
                (await CliAsync("plan", specPath)).Out);

            var writes = _zone.Writes();
            var applied = await CliAsync("apply", specPath, "--yes");
            Assert.True(applied.Code == 0, applied.Out + applied.Error);
            var taken = _zone.Delta(writes);
            log.WriteLine($"take-over through the API: {string.Join(", ", taken.Select(w => $"{w.Key} ×{w.Value}"))}");
            Assert.Equal(0, taken["ChangeResourceRecordSets"]);
            Assert.Equal(0, taken["CreateHealthCheck"] + taken["DeleteHealthCheck"] + taken["UpdateHealthCheck"]);
            Assert.Equal(1, taken["ChangeTagsForResource"]);
            Assert.Equal(before, await _zone.AtAsync(name));

            var after = await CliAsync("plan", specPath, "--json", "--detailed-exitcode");
            Assert.True(after.Code == 0, after.Out + after.Error);
            Assert.False(JsonDocument.Parse(after.Out).RootElement.TryGetProperty("claims", out _), after.Out);

            // The name is the tree's now: another adoption of it is refused by the service.
            var again = await CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "--tree", "intruder");
            Assert.Equal(1, again.Code);
            Assert.Contains("tree 'byapi' already owns the records", again.Error);
        }
        finally
        {
            var destroyed = await CliAsync("destroy", "byapi", "--yes");
            if (destroyed.Code != 0)
            {
                await _zone.ChangeAsync("DELETE", [ZoneByHand.Weighted(name, "east", 70, "192.0.2.81", check),
                    ZoneByHand.Weighted(name, "west", 30, "192.0.2.82", null)]);
            }
        }
    }
}
