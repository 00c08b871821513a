using Failover.Aws.Clients;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Progress;

/// <summary>
/// Tests that change process-wide endpoint variables run alone (no other test collection in parallel), on a moto of
/// their own, so no other test's client picks up these endpoints.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndpointVariablesCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "endpoint variables";
}

[Collection(EndpointVariablesCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class EndpointConfigurationTests(MotoFixture moto)
{
    [Theory]
    [InlineData("AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("AWS_ENDPOINT_URL")]
    public async Task The_sdk_takes_the_endpoint_from_the_environment(string variable)
    {
        var table = await CreateTableThroughExplicitEndpointAsync();
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, moto.Url.ToString());
        try
        {
            using var client = new AmazonDynamoDBClient(Amazon.RegionEndpoint.USEast1);
            // Resolve before sending anything, so a failure never sends a request beyond loopback.
            var endpoint = client.DetermineServiceOperationEndpoint(new ListTablesRequest());
            Assert.Equal(moto.Url, new Uri(endpoint.URL));
            var tables = await client.ListTablesAsync();
            Assert.Contains(table, tables.TableNames);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }

    [Fact]
    public async Task The_factory_uses_an_explicit_endpoint()
    {
        var table = await CreateTableThroughExplicitEndpointAsync();
        using var client = DynamoDbClientFactory.Create(moto.Url, "us-east-1");
        var tables = await client.ListTablesAsync();
        Assert.Contains(table, tables.TableNames);
    }

    private async Task<string> CreateTableThroughExplicitEndpointAsync()
    {
        using var client = ProgressTestStores.Client(moto);
        var table = "endpoint-" + Guid.NewGuid().ToString("N")[..8];
        await ProgressTable.CreateAsync(client, table);
        return table;
    }
}
