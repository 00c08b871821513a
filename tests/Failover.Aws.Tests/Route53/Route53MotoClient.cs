using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Aws.Tests.Route53;

/// <summary>Route 53 clients pointed at the collection's moto, and fresh zones so tests do not see each other's records.</summary>
internal static class Route53MotoClient
{
    public static Route53Client Create(MotoFixture moto, HttpClient? http = null) =>
        // moto has no account-wide or per-operation limit to protect; the rate limiters have their own tests on a fake
        // clock. Paced by the documented table, every test of the process would share one CreateHealthCheck bucket (50,
        // then one every 2 s) and one CreateHostedZone bucket (40, then 2/s).
        new(new Route53ClientOptions
        {
            Endpoint = moto.Url, RequestsPerSecond = 10_000, Burst = 10_000, OperationLimits = Route53OperationLimits.None,
        }, http);

    public static async Task<HostedZone> NewZoneAsync(Route53Client client)
    {
        var name = $"z{Guid.NewGuid():N}"[..12] + ".example.com";
        var created = await client.CreateHostedZoneAsync(name, Guid.NewGuid().ToString());
        return created.HostedZone;
    }
}

/// <summary>Counts the requests that go through it, by path.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _count;
    public int Count => _count;

    /// <summary>Runs before each request goes out, for tests that make something happen at an exact point of a step.</summary>
    public Func<HttpRequestMessage, Task>? BeforeSend { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        if (BeforeSend is { } hook) await hook(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
