using Failover.Core.Route53;
using Failover.Service.Ports.Route53;
using Failover.Testing.Route53;

namespace Failover.Service.Tests.Fakes;

/// <summary>
/// The Route 53 rules the in-memory Route 53 keeps where moto is lenient, so Route53ContractTests cannot hold them:
/// each is from the Route 53 API reference or Developer Guide, cited where the fake enforces it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class InMemoryRoute53RuleTests
{
    private readonly InMemoryRoute53 _route53 = new();
    private readonly HostedZone _zone;

    public InMemoryRoute53RuleTests() => _zone = _route53.AddZone("example.com");

    private static ResourceRecordSet A(string name, string value, string? set = null) =>
        new() { Name = name, Type = "A", Ttl = 60, ResourceRecords = [value], SetIdentifier = set, Weight = set is null ? null : 1 };

    private Task<ChangeInfo> SubmitAsync(params (ChangeAction Action, ResourceRecordSet Record)[] changes) =>
        _route53.ChangeResourceRecordSetsAsync(_zone.Id, new ChangeBatch([.. changes.Select(c => new RecordChange(c.Action, c.Record))]));

    private List<string> Zone() =>
        [.. _route53.RecordsOf(_zone.Id).Where(r => r.Type is not ("NS" or "SOA"))
            .Select(r => $"{r.Key} {string.Join(",", r.ResourceRecords)}")];

    [Fact]
    public async Task A_weighted_record_set_beside_a_simple_one_of_the_same_name_and_type_is_refused()
    {
        await SubmitAsync((ChangeAction.Create, A("www.example.com", "192.0.2.1")));

        var refused = await Assert.ThrowsAsync<InvalidChangeBatchException>(() =>
            SubmitAsync((ChangeAction.Create, A("www.example.com", "192.0.2.2", "blue"))));

        Assert.Contains("mix routing policies", Assert.Single(refused.Messages));
        Assert.Equal(["www.example.com A 192.0.2.1"], Zone());
    }

    [Fact]
    public async Task An_alias_to_a_name_the_zone_does_not_hold_yet_is_refused_even_when_its_batch_creates_the_target()
    {
        var alias = new ResourceRecordSet
        {
            Name = "www.example.com", Type = "A", AliasTarget = new AliasTarget(_zone.Id, "pool.example.com", true),
        };

        await Assert.ThrowsAsync<InvalidChangeBatchException>(() =>
            SubmitAsync((ChangeAction.Create, A("pool.example.com", "192.0.2.1")), (ChangeAction.Create, alias)));
        var empty = Zone();
        await SubmitAsync((ChangeAction.Create, A("pool.example.com", "192.0.2.1")));
        await SubmitAsync((ChangeAction.Create, alias));

        Assert.Empty(empty);
        Assert.Equal(["pool.example.com A 192.0.2.1", "www.example.com A "], Zone());
    }

    [Fact]
    public async Task A_CallerReference_returns_its_check_for_the_same_settings_and_is_refused_for_others_or_once_deleted()
    {
        var config = new HealthCheckConfig { Type = "HTTP", IpAddress = "192.0.2.1", Port = 80 };

        var first = await _route53.CreateHealthCheckAsync("t.web1.abc", config);
        var again = await _route53.CreateHealthCheckAsync("t.web1.abc", config with { });
        var other = await Assert.ThrowsAsync<HealthCheckAlreadyExistsException>(() =>
            _route53.CreateHealthCheckAsync("t.web1.abc", config with { Port = 8080 }));
        await _route53.DeleteHealthCheckAsync(first.Id);
        var deleted = await Assert.ThrowsAsync<HealthCheckAlreadyExistsException>(() =>
            _route53.CreateHealthCheckAsync("t.web1.abc", config));

        Assert.Equal(first.Id, again.Id);
        Assert.False(other.IsRetryable);
        Assert.False(deleted.IsRetryable);
        Assert.Empty(_route53.HealthChecks);
    }

    [Fact]
    public async Task A_record_naming_a_health_check_that_does_not_exist_is_NoSuchHealthCheck_and_changes_nothing()
    {
        var checkedRecord = A("www.example.com", "192.0.2.1", "blue") with { HealthCheckId = "00000000-0000-4000-8000-000000000000" };

        await Assert.ThrowsAsync<NoSuchHealthCheckException>(() =>
            SubmitAsync((ChangeAction.Create, A("api.example.com", "192.0.2.9")), (ChangeAction.Create, checkedRecord)));

        Assert.Empty(Zone());
        Assert.Empty(_route53.AcceptedChanges);
    }

    [Fact]
    public async Task A_page_cut_inside_a_weighted_set_names_the_next_identifier_and_the_next_page_goes_on_from_it()
    {
        await SubmitAsync([.. new[] { "a", "b", "c", "d" }.Select(id => (ChangeAction.Create, A("pool.example.com", "192.0.2.1", id)))]);

        var first = await _route53.ListResourceRecordSetsAsync(_zone.Id, new RecordSetPosition("pool.example.com"), maxItems: 2);
        var second = await _route53.ListResourceRecordSetsAsync(_zone.Id, first.Next, maxItems: 2);

        Assert.Equal(new RecordSetPosition("pool.example.com", "A", "c"), first.Next);
        Assert.Equal(["a", "b", "c", "d"], first.RecordSets.Concat(second.RecordSets).Select(r => r.SetIdentifier));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task A_planned_lost_answer_applies_the_batch_then_reports_the_outcome_unknown()
    {
        _route53.FailNext("ChangeResourceRecordSets", InMemoryRoute53.LostAnswer("ChangeResourceRecordSets"), applied: true);

        await Assert.ThrowsAsync<Failover.Service.Ports.OutcomeUnknownException>(() =>
            SubmitAsync((ChangeAction.Create, A("www.example.com", "192.0.2.1"))));
        var retried = await Assert.ThrowsAsync<InvalidChangeBatchException>(() =>
            SubmitAsync((ChangeAction.Create, A("www.example.com", "192.0.2.1"))));

        Assert.Equal(["www.example.com A 192.0.2.1"], Zone());
        Assert.Contains("already exists", retried.Message);
    }
}
