using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Edge;
using Microsoft.Extensions.Time.Testing;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// One local stack for the collection, in-process on free ports, with its own moto. Its realism layer runs on a manual
/// clock. Besides Echo it serves <c>Fail</c>, a function that always throws, to show how failures look.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    public const string FailingFunction = "Fail";

    private readonly string _emptyStateMachineDirectory = Directory.CreateTempSubdirectory("failover-local-sm-").FullName;
    private Local.LocalStack? _stack;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public Local.LocalStack Stack => _stack ?? throw new InvalidOperationException("the local stack is not started");

    public Uri EdgeUrl => Stack.EdgeUrl;

    public string ZoneId => Stack.Resources!.HostedZones["example.com"];

    public async Task InitializeAsync()
    {
        // The SDKs' credential chain and region resolution read these; moto accepts any credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", LocalAccount.Region);
        _stack = await Local.LocalStack.StartAsync(LocalStackOptions.ForTests() with
        {
            TimeProvider = Clock,
            StateMachineDirectory = _emptyStateMachineDirectory,
            ConfigureFunctions = functions => functions
                .Register(FailingFunction, (_, _) => throw new InvalidOperationException("the function failed on purpose"))
                .Register(MarkingFunction, MarkAsync),
        });
    }

    /// <summary>Writes an item to the progress table through the edge, as the service's functions call AWS.</summary>
    public const string MarkingFunction = "Mark";

    private async Task<ReadOnlyMemory<byte>> MarkAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var marker = System.Text.Json.JsonDocument.Parse(payload).RootElement.GetProperty("marker").GetString()!;
        using var dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(LocalAccount.Credentials,
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        await dynamo.PutItemAsync(Failover.Local.Resources.LocalResourceNames.ProgressTable, new()
        {
            ["pk"] = new Amazon.DynamoDBv2.Model.AttributeValue("test#" + marker),
            ["sk"] = new Amazon.DynamoDBv2.Model.AttributeValue("marker"),
        }, cancellationToken);
        return payload;
    }

    /// <summary>Start-up realism settings, a full request bucket, and zeroed counters: each test starts alike.</summary>
    public async Task ResetRealismAsync()
    {
        using var http = new HttpClient();
        (await http.PostAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismResetPath), null)).EnsureSuccessStatusCode();
        (await http.DeleteAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismStatsPath))).EnsureSuccessStatusCode();
    }

    /// <summary>Changes realism settings through the runtime endpoint, as an out-of-process test would.</summary>
    public async Task SetRealismAsync(string json)
    {
        using var http = new HttpClient();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismPath), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"realism update refused: {body}");
    }

    public async Task<System.Text.Json.Nodes.JsonNode> StatsAsync()
    {
        using var http = new HttpClient();
        return System.Text.Json.Nodes.JsonNode.Parse(await http.GetStringAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismStatsPath)))!;
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
        Directory.Delete(_emptyStateMachineDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}
