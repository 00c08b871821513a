using System.Diagnostics;
using System.Text.RegularExpressions;
using Failover.Core.Export;
using Failover.Core.Tests.Spec;
using static Failover.Core.Tests.Adoption.ZoneFixtures;

namespace Failover.Core.Tests.Adoption;

/// <summary>
/// The Terraform hand-over: one resource and one import block per record set and per check, the import ids exactly the
/// zone's, aliases depending on their targets; and the text is HCL that terraform itself reads (when it is installed).
/// </summary>
[Trait("Category", "Unit")]
public partial class TerraformExportTests
{
    private static (string Text, ZoneFixturesZone Zone) Export()
    {
        var spec = Parse(Examples.Read("www.json"));
        var zone = Materialise(spec);
        var checks = zone.HealthChecks.Select(h => new ExportedHealthCheck(h.Id, "node-" + h.Id[..4], h.Config,
            new Dictionary<string, string> { ["failover:tree"] = "www" })).ToList();
        return (TerraformExport.Write("www", zone.HostedZoneId, zone.Records, checks), new ZoneFixturesZone(zone));
    }

    internal sealed record ZoneFixturesZone(Failover.Core.Adoption.ZoneSnapshot Snapshot);

    [Fact]
    public void Every_record_and_check_has_a_resource_and_an_import_of_its_live_id()
    {
        var (text, zone) = Export();
        var imports = ImportBlock().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
        var expectedRecords = zone.Snapshot.Records
            .Select(r => $"{zone.Snapshot.HostedZoneId}_{r.Name}_{r.Type}" + (r.SetIdentifier is null ? "" : "_" + r.SetIdentifier))
            .Order();
        Assert.Equal(expectedRecords, imports.Where(i => i.Item1 == "aws_route53_record").Select(i => i.Item3).Order());
        Assert.Equal(zone.Snapshot.HealthChecks.Select(h => h.Id).Order(),
            imports.Where(i => i.Item1 == "aws_route53_health_check").Select(i => i.Item3).Order());
        foreach (var (type, name, _) in imports) Assert.Contains($"resource \"{type}\" \"{name}\" {{", text);
        Assert.Equal(text.Count(c => c == '{'), text.Count(c => c == '}'));
        // The top failover primary aliases the latency group: it depends on every record of it.
        Assert.Contains(
            "depends_on = [aws_route53_record.regions_www_example_com_a_euw1, aws_route53_record.regions_www_example_com_a_use1]", text);
        Assert.Contains("health_check_id = aws_route53_health_check.hc_node-", text);
        Assert.Contains("failover_routing_policy {\n    type = \"SECONDARY\"\n  }", text);
    }

    [Fact]
    public void Strings_are_escaped_as_hcl_reads_them()
    {
        Assert.Equal("\"\\\"v=spf1 -all\\\"\"", TerraformExport.Quote("\"v=spf1 -all\""));
        Assert.Equal("\"$${x} %%{y} $z\"", TerraformExport.Quote("${x} %{y} $z"));
    }

    [Fact]
    public void Terraform_reads_the_output_as_it_is()
    {
        if (!File.Exists("/usr/local/bin/terraform") && !File.Exists("/usr/bin/terraform")) return;
        var (text, _) = Export();
        var start = new ProcessStartInfo("terraform", ["fmt", "-"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    [Fact]
    public void An_az_affinity_tree_is_refused_whole_naming_every_az_affinity_record()
    {
        var zone = Materialise(Parse(Examples.Read("az-affinity.json")));
        var azRecords = zone.Records.Where(r => r.AzAffinity is not null).ToList();
        Assert.Equal(6, azRecords.Count);

        var refusals = TerraformExport.Refusals(zone.Records);

        Assert.Equal(azRecords.Count, refusals.Count);
        Assert.All(azRecords, r => Assert.Contains(refusals, line => line.StartsWith($"record {r.Name} A {r.SetIdentifier} ",
            StringComparison.Ordinal)));
        Assert.Contains(refusals, line => line.Contains("(availability-zone use1-az1)", StringComparison.Ordinal));
        var thrown = Assert.Throws<InvalidOperationException>(() => TerraformExport.Write("az", zone.HostedZoneId, zone.Records, []));
        Assert.Contains("aws_route53_record has no argument", thrown.Message);
        Assert.Empty(TerraformExport.Refusals(Materialise(Parse(Examples.Read("www.json"))).Records));
    }

    [Fact]
    public void An_ip_based_record_names_its_collection_and_location()
    {
        var zone = Materialise(Parse(Examples.Read("ip-based.json")));
        var paris = zone.Records.Single(r => r.CidrRoutingConfig?.LocationName == "paris-office");

        var text = TerraformExport.Write("ip", zone.HostedZoneId, zone.Records, []);

        Assert.Contains($"  cidr_routing_policy {{\n    collection_id = \"{paris.CidrRoutingConfig!.CollectionId}\"\n" +
            "    location_name = \"paris-office\"\n  }", text);
        Assert.Contains("location_name = \"*\"", text);
    }

    [GeneratedRegex("import \\{\\n  to = (aws_route53_[a-z_]+)\\.([A-Za-z0-9_-]+)\\n  id = \"([^\"]+)\"\\n\\}")]
    private static partial Regex ImportBlock();
}
