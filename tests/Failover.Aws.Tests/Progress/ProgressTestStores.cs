using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Spec;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Aws.Tests.Progress;

/// <summary>A fresh progress table in moto per test, so tests share the server but never their data.</summary>
internal static class ProgressTestStores
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AmazonDynamoDBClient Client(MotoFixture moto) => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = "us-east-1" });

    public static async Task<(ProgressStore Store, AmazonDynamoDBClient Client, FakeTimeProvider Time)> NewAsync(
        MotoFixture moto, ProgressStoreOptions? options = null)
    {
        var client = Client(moto);
        var table = "progress-" + Guid.NewGuid().ToString("N")[..12];
        await ProgressTable.CreateAsync(client, table);
        var time = new FakeTimeProvider(Start);
        return (new ProgressStore(client, table, time, options), client, time);
    }

    public static TreeDescriptor Tree(string name, string recordName = "www.example.com", DriftPolicy drift = DriftPolicy.Report) =>
        new(name, "Z123EXAMPLE", recordName, "A", drift);
}
