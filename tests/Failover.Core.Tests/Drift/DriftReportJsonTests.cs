using System.Text.Json;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Core.Tests.Drift;

[Trait("Category", "Unit")]
public class DriftReportJsonTests
{
    internal static DriftReport Drifted()
    {
        var zone = new ConvergedZone(SampleTrees.Www());
        zone.Replace("use1-a", r => r with { Weight = 7 });
        zone.Delete("euw1");
        zone.HealthChecks.Remove(zone.HealthCheckOf("use1-b"));
        zone.Records.Add(new ResourceRecordSet { Name = "_old.www.example.com", Type = "A", Ttl = 60, ResourceRecords = ["203.0.113.1"] });
        return zone.Detect() with
        {
            Version = 4,
            CheckedAt = new DateTimeOffset(2026, 3, 1, 12, 15, 0, TimeSpan.Zero),
            Repair = new DriftRepair(DriftRepairStatus.Started, RunId: "run-1"),
        };
    }

    [Fact]
    public void A_written_report_reads_back_equal()
    {
        var report = Drifted();
        var read = DriftReportJson.Read(DriftReportJson.Write(report));

        Assert.Equal(report.Tree, read.Tree);
        Assert.Equal(report.HostedZoneId, read.HostedZoneId);
        Assert.Equal(report.RecordName, read.RecordName);
        Assert.Equal(report.Version, read.Version);
        Assert.Equal(report.CheckedAt, read.CheckedAt);
        Assert.Equal(report.Repair, read.Repair);
        Assert.Equal(report.Items, read.Items);
    }

    [Fact]
    public void The_json_names_every_item_by_kind_with_a_message_and_counts_them()
    {
        var json = JsonDocument.Parse(DriftReportJson.Write(Drifted())).RootElement;

        Assert.Equal(5, json.GetProperty("driftedItems").GetInt32());
        Assert.Equal("2026-03-01T12:15:00.000Z", json.GetProperty("checkedAt").GetString());
        Assert.Equal(
            ["recordExtra", "recordMissing", "recordChanged", "recordHealthCheckDeleted", "healthCheckMissing"],
            json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        var changed = json.GetProperty("items")[2];
        Assert.Equal("_use1.www.example.com", changed.GetProperty("record").GetProperty("name").GetString());
        Assert.Equal("use1-a", changed.GetProperty("record").GetProperty("setIdentifier").GetString());
        Assert.Equal("weight", changed.GetProperty("fields")[0].GetProperty("field").GetString());
        Assert.Equal("50", changed.GetProperty("fields")[0].GetProperty("expected").GetString());
        Assert.Equal("7", changed.GetProperty("fields")[0].GetProperty("actual").GetString());
        Assert.Contains("weight 50 → 7", changed.GetProperty("message").GetString());
        var extra = json.GetProperty("items")[0];
        Assert.Equal("helperName", extra.GetProperty("place").GetString());
        Assert.False(extra.GetProperty("owned").GetBoolean());
        Assert.Equal("started", json.GetProperty("repair").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("[]", "$ must be an object")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z","recordName":"t.example.com"}""", "$.items is missing")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z","recordName":"t.example.com","items":[{"kind":"recordGone"}]}""",
        "$.items[0].kind must be one of")]
    [InlineData("""{"tree":"t","hostedZoneId":"Z","recordName":"t.example.com","items":[{"kind":"recordMissing","record":""" +
        """{"type":"A"}}]}""", "$.items[0].record.name is missing")]
    [InlineData("{", "not JSON")]
    public void A_document_that_is_not_a_report_is_refused_with_its_path(string json, string message)
    {
        var error = Assert.Throws<FormatException>(() => DriftReportJson.Read(json));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_text_form_has_a_headline_and_one_line_per_item()
    {
        var lines = DriftReportTextWriter.Write(Drifted()).TrimEnd('\n').Split('\n');
        Assert.Equal("www (version 4): 5 drifted item(s), checked 2026-03-01 12:15:00 UTC", lines[0]);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("  extra", lines[1]);
        Assert.Equal("repair: started, run run-1", lines[^1]);
    }
}
