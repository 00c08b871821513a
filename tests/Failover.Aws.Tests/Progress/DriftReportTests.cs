using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Progress;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DriftReportTests(MotoFixture moto)
{
    [Fact]
    public async Task The_latest_report_replaces_the_previous_one_with_its_time()
    {
        var (store, client, time) = await NewAsync(moto);
        using var _c = client;
        Assert.Null(await store.GetDriftReportAsync("shop"));

        await store.PutDriftReportAsync("shop", """{"items":[{"kind":"missing"}]}""", 1);
        time.Advance(TimeSpan.FromMinutes(15));
        await store.PutDriftReportAsync("shop", """{"items":[]}""", 0);

        var report = await store.GetDriftReportAsync("shop");
        Assert.Equal(("shop", """{"items":[]}""", 0, Start + TimeSpan.FromMinutes(15)),
            (report!.Tree, report.ReportJson, report.DriftedItems, report.CheckedAt));
    }

    [Fact]
    public async Task A_report_too_long_for_one_item_is_kept_whole_and_its_parts_go_when_replaced()
    {
        var (store, client, _) = await NewAsync(moto);
        using var _c = client;
        var huge = "{\"items\":["
            + string.Join(",", Enumerable.Range(0, 30_000).Select(i => $$"""{"record":"r{{i}}.example.com","field":"weight"}""")) + "]}";

        await store.PutDriftReportAsync("shop", huge, 30_000);
        var readBack = await store.GetDriftReportAsync("shop");
        await store.PutDriftReportAsync("shop", "{}", 0);

        Assert.Equal(huge, readBack!.ReportJson);
        Assert.Equal("{}", (await store.GetDriftReportAsync("shop"))!.ReportJson);
        var scan = await client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = store.TableName });
        Assert.DoesNotContain(scan.Items, item => item["sk"].S.StartsWith("DRIFTPART#"));
    }
}
