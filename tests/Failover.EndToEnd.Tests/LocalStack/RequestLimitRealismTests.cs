using System.Xml.Linq;
using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// ChangeResourceRecordSets' request limits, as the API reference of ChangeResourceRecordSets and the Developer Guide's
/// "Quotas" page state them: at most 1,000 ResourceRecord elements and 32,000 characters in all Value elements per
/// request, each element and character of an UPSERT counted twice. The local stack takes what Route 53 takes, whole,
/// even where its own repairs for moto make the request moto sees larger.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalStackCollection.Name)]
public sealed class RequestLimitRealismTests(LocalStackFixture fixture) : IAsyncLifetime
{
    private readonly Route53Wire _edge = new(fixture.EdgeUrl);

    public Task InitializeAsync() => fixture.ResetRealismAsync();

    public Task DisposeAsync()
    {
        _edge.Dispose();
        return Task.CompletedTask;
    }

    private static XElement[] OneValueRecords(string action, string prefix, int count) =>
        Enumerable.Range(0, count)
            .Select(i => Change(action, Plain($"{prefix}{i}.limits.example.com", "A", $"192.0.2.{i % 250 + 1}")))
            .ToArray();

    [Fact]
    public async Task A_thousand_one_value_CREATEs_are_taken_whole_though_moto_sees_them_as_UPSERTs()
    {
        // The direct path's leaf layer: 1,000 ResourceRecord elements, exactly Route 53's limit. The layer sends moto
        // CREATEs as UPSERTs (MotoCreateRepair), which moto alone would count as 2,000 and refuse.
        var created = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("CREATE", "k", 1_000));

        Assert.True(created.Status == 200, created.Text);
        Assert.Equal(1, (await fixture.StatsAsync())["motoRepairs"]?["splitForMotoRecordLimit"]?.GetValue<long>());
        // Every record landed: a DELETE of a record set that is not there is refused, so this succeeds only if all are.
        var deleted = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("DELETE", "k", 1_000));
        Assert.True(deleted.Status == 200, deleted.Text);
    }

    [Fact]
    public async Task One_more_ResourceRecord_than_a_thousand_is_refused_with_Route_53s_message_and_nothing_lands()
    {
        var refused = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("CREATE", "over", 1_001));

        Assert.Equal((400, "InvalidChangeBatch"), (refused.Status, refused.ErrorCode));
        Assert.Equal("[Number of records limit of 1000 exceeded.]", refused.ErrorMessage);
        var probe = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("DELETE", "over", 1));
        Assert.Equal(400, probe.Status);
    }

    [Fact]
    public async Task An_UPSERT_counts_each_ResourceRecord_twice()
    {
        var refused = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("UPSERT", "u", 501));
        var taken = await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("UPSERT", "u", 500));

        Assert.Equal((400, "[Number of records limit of 1000 exceeded.]"), (refused.Status, refused.ErrorMessage));
        Assert.True(taken.Status == 200, taken.Text);
        Assert.Equal(200, (await _edge.ChangeAsync(fixture.ZoneId, OneValueRecords("DELETE", "u", 500))).Status);
    }

    [Fact]
    public async Task More_than_32000_characters_of_values_are_refused_and_32000_are_taken()
    {
        // A Value may hold 4,000 characters (API reference, ResourceRecord.Value): eight of them are the request's limit.
        static XElement[] Texts(string prefix, int count) => Enumerable.Range(0, count)
            .Select(i => Change("CREATE", Plain($"{prefix}{i}.limits.example.com", "TXT", "\"" + new string('x', 3_998) + "\""))).ToArray();

        var refused = await _edge.ChangeAsync(fixture.ZoneId, Texts("c", 9));
        var taken = await _edge.ChangeAsync(fixture.ZoneId, Texts("c", 8));

        Assert.Equal((400, "InvalidChangeBatch", "[RDATA character limit of 32000 exceeded.]"),
            (refused.Status, refused.ErrorCode, refused.ErrorMessage));
        Assert.True(taken.Status == 200, taken.Text);
    }
}
