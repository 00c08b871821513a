using Failover.Core.Diagnostics;
using Failover.Core.Import;
using Failover.Core.Spec;
using Failover.Core.Tests.Spec;

namespace Failover.Core.Tests.Import;

/// <summary>A policy version with its policy records: one tree, the records' places its attachments.</summary>
[Trait("Category", "Unit")]
public class PolicyRecordImportTests
{
    private static string Document => Examples.Read(Path.Combine("traffic-policy", "latency-weighted-failover.json"));

    [Fact]
    public void Every_policy_record_becomes_a_place_the_tree_answers_for_the_first_at_the_top()
    {
        var records = new[]
        {
            new PolicyRecord("Z0000000000000000000A", "example.com", "www.example.com", 60),
            new PolicyRecord("Z0000000000000000000A", "example.com", "api.example.com", 60),
            new PolicyRecord("Z0000000000000000000B", "example.org.", "www.example.org.", 60),
        };

        var result = PolicyRecordImport.Import(Document, "www", records);

        Assert.False(result.HasErrors, string.Join("; ", result.Diagnostics));
        var spec = result.Spec!;
        Assert.Equal(("Z0000000000000000000A", "example.com", "www.example.com"), (spec.HostedZoneId, spec.ZoneName, spec.RecordName));
        Assert.Equal(60, spec.Ttl);
        Assert.Equal(["api.example.com in Z0000000000000000000A", "www.example.org in Z0000000000000000000B"],
            spec.Attachments.Select(a => a.ToString()));
        Assert.Equal("example.org", spec.Attachments[1].ZoneName);
        // What it writes is a spec validate accepts, attachments and all.
        Assert.False(SpecLoader.Load(SpecJsonWriter.Write(spec)).HasErrors);
    }

    [Fact]
    public void A_policy_version_without_policy_records_has_nothing_to_attach_to()
    {
        var result = PolicyRecordImport.Import(Document, "www", []);

        Assert.Null(result.Spec);
        Assert.Contains("no policy records", Assert.Single(result.Diagnostics).Message);
    }

    [Fact]
    public void Different_TTLs_are_a_warning_and_the_first_wins()
    {
        var result = PolicyRecordImport.Import(Document, "www", [
            new PolicyRecord("Z0000000000000000000A", "example.com", "www.example.com", 30),
            new PolicyRecord("Z0000000000000000000A", "example.com", "api.example.com", 300)]);

        Assert.Equal(30, result.Spec!.Ttl);
        var warning = Assert.Single(result.Diagnostics, d => d.Path == "$.ttl");
        Assert.Equal(Severity.Warning, warning.Severity);
    }
}
