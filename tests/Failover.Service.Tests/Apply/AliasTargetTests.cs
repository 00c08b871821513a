using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Tests.Workflow;
using Failover.Service.Workflow;

namespace Failover.Service.Tests.Apply;

/// <summary>
/// An alias leaf to another record of the tree's zone: Route 53 refuses an alias whose target does not exist
/// (InvalidChangeBatch), so the plan reads the target's name and a missing one stops the apply before any change.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AliasTargetTests
{
    [Fact]
    public async Task An_alias_to_a_record_the_zone_lacks_is_refused_before_any_change_and_applies_once_it_exists()
    {
        var h = new ServiceHarness();
        var spec = AliasTo(h, "origin");
        var direct = new DirectApplier(h.Route53, h.Store, h.Time) { SyncPollInterval = TimeSpan.Zero };

        var refused = await Assert.ThrowsAsync<ApplyRefusedException>(() => direct.ApplyAsync(spec));

        Assert.Contains($"the alias target origin.{h.Zone.Name} (A) does not exist", refused.Message, StringComparison.Ordinal);
        Assert.Empty(h.ZoneRecords());
        Assert.Empty(h.Route53.HealthChecks);

        await h.Route53.ChangeResourceRecordSetsAsync(h.Zone.Id, new ChangeBatch([new RecordChange(ChangeAction.Create,
            new ResourceRecordSet { Name = $"origin.{h.Zone.Name}", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.50"] })]));
        await direct.ApplyAsync(spec);
        Assert.Contains(h.ZoneRecords(), r => r.AliasTarget?.DnsName == $"origin.{h.Zone.Name}");
    }

    [Fact]
    public async Task A_workflow_run_of_an_alias_to_a_record_the_zone_lacks_stops_at_its_plan_with_nothing_changed()
    {
        var h = new ServiceHarness();
        var started = await h.Starter.ApplyAsync(AliasTo(h, "origin"));

        var outcome = await h.Driver.DriveWithRollbackAsync(started.RunId);

        Assert.Equal(WorkflowErrors.RecordConflict, outcome.Error);
        Assert.Empty(h.ZoneRecords());
        Assert.Empty(h.Route53.HealthChecks);
    }

    /// <summary>A failover tree whose secondary is an alias to <paramref name="target"/> in the harness's zone.</summary>
    private static TreeSpec AliasTo(ServiceHarness h, string target)
    {
        var loaded = SpecLoader.Load($$"""
            { "name": "www", "hostedZoneId": "{{h.Zone.Id}}", "zoneName": "{{h.Zone.Name}}", "recordName": "www.{{h.Zone.Name}}",
              "recordType": "A", "root": { "id": "root", "routing": "failover",
                "primary": { "id": "main", "endpoint": { "values": ["192.0.2.10"], "healthCheck": { "type": "HTTP" } } },
                "secondary": { "id": "spare", "alias": { "dnsName": "{{target}}.{{h.Zone.Name}}", "hostedZoneId": "{{h.Zone.Id}}" } } } }
            """);
        return loaded.Spec ?? throw new InvalidOperationException(string.Join("; ", loaded.Diagnostics));
    }
}
