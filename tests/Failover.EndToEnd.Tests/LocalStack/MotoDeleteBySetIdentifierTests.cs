using static Failover.EndToEnd.Tests.LocalStack.Route53Wire;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// Route 53 identifies a record set by name, type and SetIdentifier, so deleting one weighted record removes that one
/// only. moto 5.2.1 removed every record set with the identifier in the zone; the project's moto patch deletes by all
/// three. Sent to moto itself, bypassing the realism layer, so nothing in between can put a record back.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MotoDeleteBySetIdentifierTests(LocalStackFixture fixture) : IDisposable
{
    private readonly Route53Wire _moto = new(fixture.Stack.MotoUrl);

    public void Dispose() => _moto.Dispose();

    [Fact]
    public async Task Deleting_a_record_set_by_its_identifier_leaves_the_same_identifier_under_other_names_and_types()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var mine = Weighted($"a-{suffix}.example.com", "primary", 10, "192.0.2.10");
        var neighbour = Weighted($"b-{suffix}.example.com", "primary", 10, "192.0.2.11");
        var otherType = Weighted($"a-{suffix}.example.com", "primary", 10, "2001:db8::11");
        otherType.Element(Ns + "Type")!.Value = "AAAA";
        var sibling = Weighted($"a-{suffix}.example.com", "secondary", 5, "192.0.2.12");
        Assert.Equal(200, (await _moto.ChangeAsync(fixture.ZoneId,
            Change("CREATE", mine), Change("CREATE", neighbour), Change("CREATE", otherType), Change("CREATE", sibling))).Status);

        Assert.Equal(200, (await _moto.ChangeAsync(fixture.ZoneId, Change("DELETE", mine))).Status);

        var left = (await _moto.RecordSetsAsync(fixture.ZoneId))
            .Where(r => r.Element(Ns + "Name")!.Value.Contains(suffix, StringComparison.Ordinal))
            .Select(r => $"{r.Element(Ns + "Name")!.Value} {r.Element(Ns + "Type")!.Value} {r.Element(Ns + "SetIdentifier")?.Value}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [$"a-{suffix}.example.com. A secondary", $"a-{suffix}.example.com. AAAA primary", $"b-{suffix}.example.com. A primary"],
            left);
        await _moto.ChangeAsync(fixture.ZoneId, Change("DELETE", neighbour), Change("DELETE", otherType), Change("DELETE", sibling));
    }
}
