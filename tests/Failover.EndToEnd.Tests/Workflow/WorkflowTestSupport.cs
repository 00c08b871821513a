using System.Text.Json;
using Xunit.Abstractions;
using System.Text.Json.Nodes;
using Failover.Aws.StepFunctions;
using Failover.Cli;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.LocalStack;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>Specs in the local zone, the CLI in-process, and the AWS CLI as the independent reader of Route 53.</summary>
internal sealed class WorkflowTestSupport(Uri edgeUrl, string zoneId, ITestOutputHelper? log = null)
{
    public WorkflowTestSupport(WorkflowStackFixture stack, ITestOutputHelper? log = null) : this(stack.EdgeUrl, stack.ZoneId, log)
    {
    }

    public string Endpoint => edgeUrl.ToString();

    /// <summary>An example spec moved into the local zone, optionally renamed and edited, written to a temporary file.</summary>
    public (string Path, TreeSpec Spec) WriteSpec(string example, string? name = null, Action<JsonNode>? edit = null)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", example));
        // A YAML example is edited as the JSON of the same spec.
        if (!source.TrimStart().StartsWith('{'))
        {
            var parsed = SpecParser.Parse(source);
            Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
            source = SpecJsonWriter.WriteCompact(parsed.Spec!);
        }
        var json = JsonNode.Parse(source)!;
        json["hostedZoneId"] = zoneId;
        if (name is not null)
        {
            json["name"] = name;
            json["recordName"] = $"{name}.{json["zoneName"]!.GetValue<string>()}";
        }
        edit?.Invoke(json);
        var text = json.ToJsonString();
        var loaded = SpecLoader.Load(text);
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var path = Path.Combine(Path.GetTempPath(), $"failover-workflow-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        return (path, loaded.Spec!);
    }

    public async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var code = await CliApp.RunAsync([.. args, "--endpoint", Endpoint], new StringReader(""), stdout, stderr);
        log?.WriteLine($"failover {string.Join(' ', args)} → {code} in {started.Elapsed.TotalSeconds:0.0} s\n{stderr}{stdout}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A command that reads the spec file only (validate, simulate, diagram): no endpoint.</summary>
    public async Task<(int Code, string Out, string Error)> OfflineCliAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        log?.WriteLine($"failover {string.Join(' ', args)} → {code}\n{stderr}{stdout}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>`failover status TREE --json`, which must succeed.</summary>
    public async Task<JsonNode> StatusAsync(string tree)
    {
        var status = await CliAsync("status", tree, "--json");
        Assert.True(status.Code == 0, status.Error);
        return JsonNode.Parse(status.Out)!;
    }

    public StepFunctionsClient States() => new(new StepFunctionsClientOptions { Region = "us-east-1", Endpoint = edgeUrl });

    /// <summary>The Task and Wait states an execution entered, in order, as its history tells (Choice and Fail left out).</summary>
    public async Task<List<string>> StatesEnteredAsync(string executionArn)
    {
        var entered = new List<string>();
        await foreach (var item in States().GetFullExecutionHistoryAsync(executionArn))
            if (item.Type.EndsWith("StateEntered", StringComparison.Ordinal) && item.Type != "ChoiceStateEntered"
                && item.Type != "FailStateEntered"
                && item.StateEnteredEventDetails?.Name is { } name)
                entered.Add(name);
        return entered;
    }

    /// <summary>The whole zone as the AWS CLI lists it: one JSON text per record set, in Route 53's order.</summary>
    public async Task<List<JsonElement>> RecordsAsync() =>
        (await AwsJsonAsync("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId))
            .GetProperty("ResourceRecordSets").EnumerateArray().ToList();

    public async Task<List<JsonElement>> HealthChecksAsync() =>
        (await AwsJsonAsync("route53", "list-health-checks")).GetProperty("HealthChecks").EnumerateArray().ToList();

    /// <summary>Health check id → its tags, ten checks per AWS CLI call (ListTagsForResources' limit).</summary>
    public async Task<Dictionary<string, Dictionary<string, string>>> TagsAsync(IEnumerable<string> healthCheckIds)
    {
        var tags = new Dictionary<string, Dictionary<string, string>>();
        foreach (var chunk in healthCheckIds.Chunk(10))
        {
            var sets =
                await AwsJsonAsync(["route53", "list-tags-for-resources", "--resource-type", "healthcheck", "--resource-ids", .. chunk]);
            foreach (var set in sets.GetProperty("ResourceTagSets").EnumerateArray())
                tags[set.GetProperty("ResourceId").GetString()!] = set.GetProperty("Tags").EnumerateArray()
                    .ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);
        }
        return tags;
    }

    public async Task<JsonElement> AwsJsonAsync(params string[] args)
    {
        var result = await AwsCli.RunAsync(edgeUrl, [.. args, "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return JsonDocument.Parse(result.Output).RootElement.Clone();
    }

    /// <summary>A record set as the AWS CLI shows it, without its health check id (ids differ between runs that recreate a
    /// check).</summary>
    public static string Shape(JsonElement record)
    {
        var copy = JsonNode.Parse(record.GetRawText())!.AsObject();
        copy.Remove("HealthCheckId");
        return copy.ToJsonString();
    }

    public static string Key(JsonElement record) =>
        $"{record.GetProperty("Name").GetString()!.TrimEnd('.')} {record.GetProperty("Type").GetString()} " +
        (record.TryGetProperty("SetIdentifier", out var id) ? id.GetString() : "");

    public static string Key(ResourceRecordSet record) => $"{record.Name} {record.Type} {record.SetIdentifier}";

    /// <summary>
    /// Whether a resolver asking for <paramref name="name"/> gets an answer from this zone: some record there has
    /// values, aliases outside the zone, or aliases a name that (recursively) answers.
    /// </summary>
    public static bool Answers(IReadOnlyList<ResourceRecordSet> zone, string name, string type, string zoneId, int depth = 0)
    {
        if (depth > 10) return false;
        return zone.Where(r => r.Name == name && r.Type == type).Any(r =>
            r.AliasTarget is not { } alias
                ? r.ResourceRecords.Count > 0
                : !alias.HostedZoneId.EndsWith(zoneId, StringComparison.Ordinal)
                    || Answers(zone, alias.DnsName.TrimEnd('.'), type, zoneId, depth + 1));
    }
}
