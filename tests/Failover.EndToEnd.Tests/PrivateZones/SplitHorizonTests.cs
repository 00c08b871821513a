using System.Text.Json;
using Failover.Cli;
using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.LocalStack;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.PrivateZones;

/// <summary>
/// Split-view DNS on the local stack: a public and a private hosted zone both named example.com, and a tree in each
/// answering for www.example.com. Each tree owns only its own zone's records: applying, a change out of band, its repair and
/// the teardown of one leave the other zone exactly as it was (read with the AWS CLI, record by record). And one tree
/// answering alike in both zones: the same name attached in each, each zone's records its own.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class SplitHorizonTests : IAsyncLifetime
{
    private const string Zone = "example.com";
    private TestStack? _stack;

    private TestStack Stack => _stack!;

    public async Task InitializeAsync() =>
        _stack = await new TestStackBuilder().WithoutStateMachines().WithPrivateZone(Zone).StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }

    [Fact]
    public async Task A_public_and_a_private_tree_of_one_name_each_keep_to_their_own_zone()
    {
        var publicZone = Stack.ZoneId;
        var privateZone = Stack.PrivateZoneId(Zone);
        Assert.NotEqual(publicZone, privateZone);
        Assert.True((await Stack.Route53.GetHostedZoneAsync(privateZone)).PrivateZone);
        var publicBefore = await RecordsAsync(publicZone);
        var privateBefore = await RecordsAsync(privateZone);

        var (publicPath, publicSpec) = Write(SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples",
            "www.json"))).Spec! with { Name = "www-outside", HostedZoneId = publicZone });
        var (privatePath, privateSpec) = Write(PrivateSpec(privateZone));
        Assert.Equal(publicSpec.RecordName, privateSpec.RecordName);

        await CliOkAsync("apply", publicPath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        await CliOkAsync("apply", privatePath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());

        // Each zone holds what it held plus exactly its own tree's records.
        var publicApplied = await RecordsAsync(publicZone);
        var privateApplied = await RecordsAsync(privateZone);
        Assert.Equal(publicBefore.Keys.Union(Compiled(publicSpec)).Order(), publicApplied.Keys.Order());
        Assert.Equal(privateBefore.Keys.Union(Compiled(privateSpec)).Order(), privateApplied.Keys.Order());
        Assert.Contains("10.0.1.10", privateApplied[$"www.example.com A inside-a"]);
        Assert.Contains("192.0.2.10", publicApplied.Single(r => r.Key.EndsWith("use1-a")).Value);

        // A change out of band in the private zone: its tree plans the repair, the public tree plans nothing.
        var leaf = JsonDocument.Parse(privateApplied["www.example.com A inside-a"]).RootElement;
        var changed = leaf.GetRawText().Replace("10.0.1.10", "10.0.1.99");
        var batch = $$"""{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{{changed}}}]}""";
        Assert.Equal(0, (await AwsCli.RunAsync(Stack.EdgeUrl, "route53", "change-resource-record-sets", "--hosted-zone-id",
            privateZone, "--change-batch", batch)).ExitCode);
        var privatePlan = await CliAsync("plan", privatePath, "--detailed-exitcode", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(privatePlan.Code == 2, privatePlan.Out + privatePlan.Error);
        var publicPlan = await CliAsync("plan", publicPath, "--detailed-exitcode", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(publicPlan.Code == 0, publicPlan.Out + publicPlan.Error);

        // The repair writes the private zone back and nothing in the public one.
        await CliOkAsync("apply", privatePath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.Equal(privateApplied, await RecordsAsync(privateZone));
        Assert.Equal(publicApplied, await RecordsAsync(publicZone));

        // Tearing the private tree down empties its zone of it and leaves the public tree, its records and checks, alone.
        var checksBefore = await HealthCheckIdsAsync();
        await CliOkAsync("destroy", privatePath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.Equal(privateBefore, await RecordsAsync(privateZone));
        Assert.Equal(publicApplied, await RecordsAsync(publicZone));
        Assert.Equal(checksBefore.Order(), (await HealthCheckIdsAsync()).Order());
    }

    [Fact]
    public async Task One_tree_attached_at_one_name_in_the_public_and_the_private_zone_keeps_each_zones_records_apart()
    {
        var publicZone = Stack.ZoneId;
        var privateZone = Stack.PrivateZoneId(Zone);
        var publicBefore = await RecordsAsync(publicZone);
        var privateBefore = await RecordsAsync(privateZone);
        var alone = PrivateSpec(publicZone) with { Name = "www-both" };
        var attachment = $$"""{ "hostedZoneId": "{{privateZone}}", "zoneName": "example.com", "recordName": "www.example.com" }""";
        var (bothPath, both) = Write(SpecParser.Parse(SpecJsonWriter.Write(alone).TrimEnd().TrimEnd('}')
            + $$""", "attachments": [{{attachment}}] }""").Spec!);
        Assert.Equal(both.RecordName, Assert.Single(both.Attachments).RecordName);

        await CliOkAsync("apply", bothPath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());

        // The same records at the same name, once in each zone.
        var publicApplied = await RecordsAsync(publicZone);
        var privateApplied = await RecordsAsync(privateZone);
        Assert.Equal(publicBefore.Keys.Union(Compiled(alone)).Order(), publicApplied.Keys.Order());
        Assert.Equal(privateBefore.Keys.Union(Compiled(alone)).Order(), privateApplied.Keys.Order());

        // Drift in one zone is repaired in that zone only.
        var changed = privateApplied["www.example.com A inside-a"].Replace("10.0.1.10", "10.0.1.99");
        Assert.Equal(0, (await AwsCli.RunAsync(Stack.EdgeUrl, "route53", "change-resource-record-sets", "--hosted-zone-id",
            privateZone, "--change-batch", $$"""{"Changes":[{"Action":"UPSERT","ResourceRecordSet":{{changed}}}]}""")).ExitCode);
        var plan = await CliAsync("plan", bothPath, "--detailed-exitcode", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(plan.Code == 2, plan.Out + plan.Error);
        await CliOkAsync("apply", bothPath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.Equal(privateApplied, await RecordsAsync(privateZone));
        Assert.Equal(publicApplied, await RecordsAsync(publicZone));

        // Without the private attachment only the private zone's copy goes; the teardown then empties the public zone of it.
        var (alonePath, _) = Write(alone);
        await CliOkAsync("apply", alonePath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.Equal(privateBefore, await RecordsAsync(privateZone));
        Assert.Equal(publicApplied, await RecordsAsync(publicZone));
        await CliOkAsync("destroy", alonePath, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.Equal(publicBefore, await RecordsAsync(publicZone));
    }

    [Fact]
    public async Task A_tree_that_breaks_a_private_zone_rule_is_refused_there_and_changes_nothing()
    {
        var privateZone = Stack.PrivateZoneId(Zone);
        var before = await RecordsAsync(privateZone);
        var spec = SpecParser.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "ip-based.json"))).Spec!
            with { HostedZoneId = privateZone };
        var (path, _) = Write(spec);

        var refused = await CliAsync("apply", path, "--yes", "--direct", "--endpoint", Stack.EdgeUrl.ToString());

        Assert.NotEqual(0, refused.Code);
        Assert.Contains("IP-based routing in a private hosted zone", refused.Error + refused.Out);
        Assert.Equal(before, await RecordsAsync(privateZone));
        Assert.Empty(await Stack.Route53.ListCidrCollectionsAsync());
    }

    /// <summary>The inside answer: two private addresses, weighted, no checks (health checkers cannot reach them).</summary>
    private static TreeSpec PrivateSpec(string zoneId) => SpecParser.Parse($$"""
        {
          "name": "www-inside", "hostedZoneId": "{{zoneId}}", "zoneName": "example.com",
          "recordName": "www.example.com", "recordType": "A", "ttl": 30,
          "root": { "id": "inside", "routing": "weighted", "children": [
            { "id": "inside-a", "weight": 1, "endpoint": { "values": ["10.0.1.10"] } },
            { "id": "inside-b", "weight": 1, "endpoint": { "values": ["10.0.2.10"] } } ] }
        }
        """).Spec!;

    private static (string Path, TreeSpec Spec) Write(TreeSpec spec)
    {
        var path = Path.Combine(Path.GetTempPath(), $"failover-split-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, SpecJsonWriter.Write(spec));
        return (path, spec);
    }

    private static IEnumerable<string> Compiled(TreeSpec spec) =>
        TreeCompiler.Compile(spec).Records.Select(r => Key(r.RecordSet.Name, r.RecordSet.Type, r.RecordSet.SetIdentifier));

    /// <summary>Every record set of the zone by name, type and set identifier, with its whole JSON as the AWS CLI reads it.</summary>
    private async Task<Dictionary<string, string>> RecordsAsync(string zoneId)
    {
        var listed = await AwsCli.RunAsync(Stack.EdgeUrl, "route53", "list-resource-record-sets", "--hosted-zone-id", zoneId,
            "--output", "json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        return JsonDocument.Parse(listed.Output).RootElement.GetProperty("ResourceRecordSets").EnumerateArray()
            .ToDictionary(r => Key(r.GetProperty("Name").GetString()!, r.GetProperty("Type").GetString()!,
                r.TryGetProperty("SetIdentifier", out var id) ? id.GetString() : null), r => r.GetRawText());
    }

    private async Task<List<string>> HealthCheckIdsAsync()
    {
        var listed = await AwsCli.RunAsync(Stack.EdgeUrl, "route53", "list-health-checks", "--output", "json");
        return JsonDocument.Parse(listed.Output).RootElement.GetProperty("HealthChecks").EnumerateArray()
            .Select(h => h.GetProperty("Id").GetString()!).ToList();
    }

    private static string Key(string name, string type, string? setIdentifier) =>
        $"{name.TrimEnd('.').ToLowerInvariant()} {type} {setIdentifier}".TrimEnd();

    private static async Task CliOkAsync(params string[] args)
    {
        var result = await CliAsync(args);
        Assert.True(result.Code == 0, $"failover {string.Join(' ', args)}: {result.Out}{result.Error}");
    }

    private static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
