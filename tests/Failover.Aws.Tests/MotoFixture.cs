using Failover.Local.Moto;

namespace Failover.Aws.Tests;

/// <summary>One moto_server per test collection, on a free loopback port; killed when the collection ends.</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _server;

    public MotoServer Server => _server ?? throw new InvalidOperationException("moto is not started");
    public Uri Url => Server.Url;

    public async Task InitializeAsync()
    {
        // The SDK's credential chain and region resolution read these; moto accepts any credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        _server = await MotoServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MotoFixtureTests(MotoFixture moto)
{
    [Fact]
    public async Task Moto_serves_its_state_api_on_the_chosen_port()
    {
        using var http = new HttpClient();
        var body = await http.GetStringAsync(new Uri(moto.Url, "/moto-api/data.json"));
        Assert.StartsWith("{", body.TrimStart());
    }
}
