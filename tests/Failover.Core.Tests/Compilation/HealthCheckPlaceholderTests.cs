using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Core.Tests.Compilation;

[Trait("Category", "Unit")]
public class HealthCheckPlaceholderTests
{
    private static readonly ResourceRecordSet Record =
        new() { Name = "t.example.com", Type = "A", SetIdentifier = "a", Ttl = 60, ResourceRecords = ["192.0.2.1"] };

    [Fact]
    public void A_placeholder_names_its_node()
    {
        Assert.True(HealthCheckPlaceholder.TryGetNodeId(HealthCheckPlaceholder.For("use1-a"), out var node));
        Assert.Equal("use1-a", node);
        Assert.False(HealthCheckPlaceholder.IsPlaceholder("0f5b7e2c-1111-2222-3333-444455556666"));
        Assert.False(HealthCheckPlaceholder.IsPlaceholder("{{healthcheck:}}"));
        Assert.False(HealthCheckPlaceholder.IsPlaceholder(null));
    }

    [Fact]
    public void Resolving_puts_the_created_id_in_place()
    {
        var resolved =
            HealthCheckPlaceholder.Resolve(Record with { HealthCheckId = "{{healthcheck:a}}" },
            new Dictionary<string, string> { ["a"] = "hc-1" });

        Assert.Equal("hc-1", resolved.HealthCheckId);
        Assert.Same(Record, HealthCheckPlaceholder.Resolve(Record, new Dictionary<string, string>()));
    }

    [Fact]
    public void A_placeholder_without_an_id_is_refused_with_the_node()
    {
        var error =
            Assert.Throws<InvalidOperationException>(() =>
            HealthCheckPlaceholder.Resolve(Record with { HealthCheckId = "{{healthcheck:a}}" }, new Dictionary<string, string>()));

        Assert.Contains("'a'", error.Message);
    }
}
