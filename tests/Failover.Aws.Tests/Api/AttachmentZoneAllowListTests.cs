using Failover.Core.Spec;
using Failover.Service.Ports;

namespace Failover.Aws.Tests.Api;

/// <summary>
/// The routes that know a stored tree by its summary (runs, drift, health) refuse a tree one of whose attachments is in a
/// zone outside the allow-list, not only one whose first zone is: the tree writes and reads in every attachment's zone.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AttachmentZoneAllowListTests
{
    [Fact]
    public async Task A_tree_attached_in_a_zone_outside_the_allow_list_is_refused_by_runs_drift_and_health_with_no_call_made()
    {
        var health = new FakeHealthStatuses(new CheckStatuses("main", "hc-main", ["Success: HTTP Status Code 200, OK"]));
        var api = new ApiHarness { Drift = new FakeDriftChecks([]), Health = health };
        var text = Specs.Failover("spread").Replace("\"root\":",
            $$"""
            "attachments": [{ "hostedZoneId": "{{ApiHarness.OtherZone}}", "zoneName": "example.org", "recordName": "spread.example.org" }],
            "root":
            """, StringComparison.Ordinal);
        var loaded = SpecLoader.Load(text);
        Assert.False(loaded.HasErrors, string.Join("; ", loaded.Diagnostics));
        api.Store.Add(loaded.Spec!);

        foreach (var (method, path, body) in new[]
                 {
                     ("GET", "/trees/spread/health", null), ("POST", "/trees/spread/drift-check", null),
                     ("POST", "/trees/spread/rollback", """{"version": 1}"""), ("DELETE", "/trees/spread", null),
                 })
        {
            var response = await api.SendAsync(method, path, body);
            Assert.True(ApiHarness.ProblemName(response) == "zone-not-allowed", $"{method} {path}: {response.StatusCode}");
            Assert.Contains(ApiHarness.OtherZone, ApiHarness.Json(response).GetRawText());
        }
        Assert.Empty(api.Runs.Calls);
        Assert.Empty(((FakeDriftChecks)api.Drift!).Checked);
        Assert.Empty(health.Reads);
    }
}
