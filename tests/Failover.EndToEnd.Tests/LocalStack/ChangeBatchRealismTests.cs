using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>Route 53's change-batch rules, enforced by the realism layer where moto accepts anything.</summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ChangeBatchRealismTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);
    private readonly Route53Wire _moto = new(fixture.Stack.MotoUrl);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync()
    {
        _edge.Dispose();
        _moto.Dispose();
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<string>> NamesInMotoAsync() =>
        (await _moto.RecordSetsAsync(fixture.ZoneId)).Select(recordSet => recordSet.Element(Ns + "Name")!.Value).ToList();

    [Fact]
    public async Task An_alias_to_a_name_missing_from_the_zone_is_InvalidChangeBatch_and_nothing_is_applied()
    {
        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Plain("alias-missing-leaf.example.com", "A", "192.0.2.1")),
            Change("CREATE", Alias("alias-missing.example.com", fixture.ZoneId, "nowhere.example.com")));

        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidChangeBatch", answer.ErrorCode);
        Assert.Equal($"[Tried to create an alias that targets nowhere.example.com., type A in zone {fixture.ZoneId}, but that target was " +
            $"not found]",
            answer.ErrorMessage);
        Assert.DoesNotContain("alias-missing-leaf.example.com.", await NamesInMotoAsync());
        Assert.Equal(1, (await fixture.StatsAsync())["rejected"]!["aliasTargetMissing"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_alias_whose_target_comes_earlier_in_the_same_batch_is_accepted()
    {
        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Plain("alias-ok-leaf.example.com", "A", "192.0.2.2")),
            Change("CREATE", Alias("alias-ok.example.com", fixture.ZoneId, "alias-ok-leaf.example.com")));

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Contains("alias-ok.example.com.", await NamesInMotoAsync());
    }

    [Fact]
    public async Task An_alias_target_outside_the_zone_does_not_lie_within_it()
    {
        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Alias("alias-outside.example.com", fixture.ZoneId, "elsewhere.example.net")));

        Assert.Equal("InvalidChangeBatch", answer.ErrorCode);
        Assert.EndsWith("but the alias target name does not lie within the target zone]", answer.ErrorMessage);
    }

    [Fact]
    public async Task Mixed_routing_policies_in_one_name_and_type_are_InvalidChangeBatch()
    {
        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Weighted("mixed.example.com", "blue", 10, "192.0.2.10")))).Status);

        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Latency("mixed.example.com", "green", "eu-west-1", "192.0.2.11")));

        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidChangeBatch", answer.ErrorCode);
        Assert.Equal(
            "[RRSet with DNS name mixed.example.com., type A, SetIdentifier green cannot be created because a non latency rrset exists " +
                "with the same name and type.]",
            answer.ErrorMessage);
    }

    [Fact]
    public async Task A_simple_record_beside_weighted_ones_is_mixed_too()
    {
        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Weighted("mixed-simple.example.com", "blue", 10, "192.0.2.12")))).Status);

        var answer = await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("mixed-simple.example.com", "A", "192.0.2.13")));

        Assert.Equal("InvalidChangeBatch", answer.ErrorCode);
        Assert.Contains("cannot be created because a non simple rrset exists", answer.ErrorMessage);
    }

    [Fact]
    public async Task Each_rule_can_be_switched_off_at_run_time()
    {
        await fixture.SetRealismAsync("""{"oneRoutingPolicyPerName":false}""");
        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Weighted("mixed-allowed.example.com", "blue", 10, "192.0.2.14")))).Status);

        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Latency("mixed-allowed.example.com", "green", "eu-west-1", "192.0.2.15")));

        Assert.True(answer.Status == 200, answer.Text);
    }

    [Fact]
    public async Task A_TTL_on_an_alias_is_InvalidInput_with_Route_53s_message()
    {
        Assert.Equal(200,
            (await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("ttl-leaf.example.com", "A", "192.0.2.20")))).Status);

        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Alias("ttl-alias.example.com", fixture.ZoneId, "ttl-leaf.example.com", ttl: 300)));

        Assert.Equal(400, answer.Status);
        Assert.Equal("InvalidInput", answer.ErrorCode);
        Assert.Equal(
            "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], " +
                     "but found more than one in Change with [Action=CREATE, Name=ttl-alias.example.com., Type=A, SetIdentifier=null]",
            answer.ErrorMessage);
        Assert.DoesNotContain("ttl-alias.example.com.", await NamesInMotoAsync());
    }

    [Fact]
    public async Task A_duplicate_SetIdentifier_is_InvalidChangeBatch()
    {
        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Weighted("duplicate.example.com", "blue", 10, "192.0.2.30")),
            Change("CREATE", Weighted("duplicate.example.com", "blue", 20, "192.0.2.31")));

        Assert.Equal("InvalidChangeBatch", answer.ErrorCode);
        Assert.Equal(
            "[Tried to create resource record set [name='duplicate.example.com.', type='A', set-identifier='blue'] but it already exists]",
            answer.ErrorMessage);
        Assert.DoesNotContain("duplicate.example.com.", await NamesInMotoAsync());
    }

    [Fact]
    public async Task A_delete_must_name_the_record_set_with_its_current_values()
    {
        Assert.Equal(200,
            (await _edge.ChangeAsync(fixture.ZoneId, Change("CREATE", Plain("delete-me.example.com", "A", "192.0.2.40")))).Status);

        var wrongValues = await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", Plain("delete-me.example.com", "A", "192.0.2.41")));
        var missing = await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", Plain("never-there.example.com", "A", "192.0.2.42")));
        var exact = await _edge.ChangeAsync(fixture.ZoneId, Change("DELETE", Plain("delete-me.example.com", "A", "192.0.2.40")));

        Assert.Equal(
            "[Tried to delete resource record set [name='delete-me.example.com.', type='A'] but the values provided do not match the " +
                "current values]",
            wrongValues.ErrorMessage);
        Assert.Equal("[Tried to delete resource record set [name='never-there.example.com.', type='A'] but it was not found]",
            missing.ErrorMessage);
        Assert.Equal(200, exact.Status);
        Assert.DoesNotContain("delete-me.example.com.", await NamesInMotoAsync());
    }

    [Fact]
    public async Task Deleting_one_weighted_record_keeps_records_with_the_same_SetIdentifier_under_other_names()
    {
        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Weighted("keep-a.example.com", "primary", 1, "192.0.2.50")),
            Change("CREATE", Weighted("keep-b.example.com", "primary", 1, "192.0.2.51")))).Status);

        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId,
            Change("DELETE", Weighted("keep-a.example.com", "primary", 1, "192.0.2.50")))).Status);

        var names = await NamesInMotoAsync();
        Assert.DoesNotContain("keep-a.example.com.", names);
        Assert.Contains("keep-b.example.com.", names);
    }

    [Fact]
    public async Task With_realism_off_moto_answers_untouched()
    {
        await fixture.SetRealismAsync("""{"enabled":false}""");

        var answer = await _edge.ChangeAsync(fixture.ZoneId,
            Change("CREATE", Alias("lenient.example.com", fixture.ZoneId, "nowhere-lenient.example.com")));

        Assert.True(answer.Status == 200, answer.Text);
        Assert.Equal("/change/C2682N5HXP0BZ4", answer.ChangeId); // moto's one fixed change id
    }
}
