using Failover.Local.Aws;
using Failover.Testing.Stack;
using Microsoft.Extensions.Time.Testing;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// One local stack for the collection, in-process on free ports, with its own moto. Its realism layer runs on a manual
/// clock. Besides Echo it serves <c>Fail</c>, a function that always throws, to show how failures look.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    public const string FailingFunction = "Fail";

    private TestStack? _stack;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public Local.LocalStack Stack => Started.Local;

    public Uri EdgeUrl => Stack.EdgeUrl;

    public string ZoneId => Started.HostedZonePath;

    private TestStack Started => _stack ?? throw new InvalidOperationException("the local stack is not started");

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithRealismClock(Clock)
            .WithoutStateMachines()
            .WithFunctions(functions => functions
                .Register(FailingFunction, (_, _) => throw new InvalidOperationException("the function failed on purpose"))
                .Register(MarkingFunction, MarkAsync))
            .StartAsync();
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
    public Task ResetRealismAsync() => Started.Realism.ResetAsync();

    /// <summary>Changes realism settings through the runtime endpoint, as an out-of-process test would.</summary>
    public Task SetRealismAsync(string json) => Started.Realism.SetAsync(json);

    public Task<System.Text.Json.Nodes.JsonNode> StatsAsync() => Started.Realism.StatsJsonAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStackFixture>
{
    public const string Name = "local stack";
}
