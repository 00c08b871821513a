using Failover.Service.Apply;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Route53;

namespace Failover.Aws.Tests.Drift;

/// <summary>The drift check's health check pass against moto: tags are read ten checks per request.</summary>
[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class HealthCheckTagBatchTests(MotoFixture moto)
{
    [Fact]
    public async Task The_trees_checks_are_found_by_tag_ten_per_request_and_every_id_is_listed()
    {
        var requests = new List<string>();
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = moto.Url, RequestsPerSecond = 10_000, Burst = 10_000,
            OperationLimits = Route53OperationLimits.None },
            new HttpClient(new RecordingHandler(requests)));
        var tree = "tags" + Guid.NewGuid().ToString("N")[..8];
        var config = new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.1", Port = 25 };
        var ours = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var check =
                await route53.CreateHealthCheckAsync($"{CallerReferences.PrefixFor(tree)}n{i}.{Guid.NewGuid():N}"[..40],
                config with { Port = 1000 + i });
            await route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(tree, $"n{i}"));
            ours.Add(check.Id);
        }
        // Same prefix, another tree's tag (a longer name sharing the first 20 characters would look like this).
        var other = await route53.CreateHealthCheckAsync($"{CallerReferences.PrefixFor(tree)}x.{Guid.NewGuid():N}"[..40], config);
        await route53.ChangeTagsForResourceAsync(other.Id, HealthCheckTags.For(tree + "-other", "x"));
        var untagged = await route53.CreateHealthCheckAsync("someone-else-" + Guid.NewGuid().ToString("N"), config);
        requests.Clear();

        var ids = new HashSet<string>();
        var found = await new ActualStateReader(route53).ReadHealthChecksAsync(tree, new HashSet<string>(), ids);

        Assert.Equal(ours.Order(), found.Select(h => h.Id).Order());
        Assert.All(found, h => Assert.Equal(tree, h.TreeTag));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"n{i}").Order(), found.Select(h => h.NodeTag!).Order());
        Assert.Superset(ours.Append(other.Id).Append(untagged.Id).ToHashSet(), ids);
        Assert.Equal(2, requests.Count(r => r == "POST /2013-04-01/tags/healthcheck"));
        Assert.DoesNotContain(requests, r => r.StartsWith("GET /2013-04-01/tags/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_resource_without_tags_has_an_empty_list_and_more_than_ten_ids_are_refused()
    {
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = moto.Url, RequestsPerSecond = 10_000, Burst = 10_000,
            OperationLimits = Route53OperationLimits.None });
        var check =
            await route53.CreateHealthCheckAsync("bare-" + Guid.NewGuid().ToString("N"),
            new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.9", Port = 22 });

        var tags = await route53.ListTagsForResourcesAsync([check.Id]);

        Assert.Empty(tags[check.Id]);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            route53.ListTagsForResourcesAsync(Enumerable.Range(0, 11).Select(i => $"id{i}").ToList()));
    }

    private sealed class RecordingHandler(List<string> requests) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (requests) requests.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
