using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ProgressTableTests(MotoFixture moto)
{
    [Fact]
    public async Task CreateAsync_makes_the_table_its_listing_index_and_ttl_and_can_be_called_again()
    {
        using var client = ProgressTestStores.Client(moto);
        var table = "progress-table-" + Guid.NewGuid().ToString("N")[..8];

        await ProgressTable.CreateAsync(client, table);
        await ProgressTable.CreateAsync(client, table);

        var described = (await client.DescribeTableAsync(table)).Table;
        Assert.Equal(TableStatus.ACTIVE, described.TableStatus);
        Assert.Equal(BillingMode.PAY_PER_REQUEST, described.BillingModeSummary?.BillingMode);
        Assert.Equal(["pk:HASH", "sk:RANGE"], described.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
        var index = Assert.Single(described.GlobalSecondaryIndexes);
        Assert.Equal("gsi1", index.IndexName);
        Assert.Equal(["gsi1pk:HASH", "gsi1sk:RANGE"], index.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType}"));
        Assert.Equal(ProjectionType.ALL, index.Projection.ProjectionType);

        var ttl = await client.DescribeTimeToLiveAsync(new DescribeTimeToLiveRequest { TableName = table });
        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveDescription.TimeToLiveStatus);
        Assert.Equal("expireAt", ttl.TimeToLiveDescription.AttributeName);
    }
}
