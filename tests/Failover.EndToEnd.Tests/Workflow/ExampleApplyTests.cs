using Failover.Core.Compilation;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// Every example in <c>examples/</c> applies on the local stack with the realism layer on (Route 53's change-batch rules,
/// request limits, PENDING changes), through the CLI and the workflow, and is torn down again. The Traffic Flow
/// documents in <c>examples/traffic-policy/</c> are imported first.
/// </summary>
[Collection(ExamplesStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ExampleApplyTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    public static TheoryData<string> Trees => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"))
        .Select(Path.GetFileName).Where(name => name!.EndsWith(".json") || name.EndsWith(".yaml")).Order()!);

    public static TheoryData<string> TrafficPolicies => new(
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples", "traffic-policy"), "*.json")
            .Select(Path.GetFileName).Where(name => !name!.Contains("unsupported")).Order()!);

    [Theory]
    [MemberData(nameof(Trees))]
    public async Task The_example_applies_through_the_workflow_and_tears_down(string example)
    {
        var name = "ex-" + Path.GetFileNameWithoutExtension(example);
        var (path, spec) = _support.WriteSpec(example, name);

        await ApplyAndTearDownAsync(path, spec);
    }

    [Theory]
    [MemberData(nameof(TrafficPolicies))]
    public async Task The_imported_traffic_policy_applies_through_the_workflow_and_tears_down(string policy)
    {
        var name = "tp-" + Path.GetFileNameWithoutExtension(policy);
        var output = Path.Combine(Path.GetTempPath(), $"failover-import-{Guid.NewGuid():N}.json");
        var document = Path.Combine(AppContext.BaseDirectory, "examples", "traffic-policy", policy);
        var imported = await ImportAsync(document, "--name", name, "--zone-id", stack.ZoneId,
            "--zone-name", "example.com", "--record-name", $"{name}.example.com", "-o", output);
        Assert.True(imported.Code == 0, imported.Out + imported.Error);
        // The documents name health checks of their own account by id; the plan refuses a check the account does not hold
        // (Route 53 would: NoSuchHealthCheck), so each is made here and the spec names it, as a user's account would hold it.
        var checks = await ChecksNamedByIdAsync(File.ReadAllText(output));
        var text = checks.Aggregate(File.ReadAllText(output), (spec, check) => spec.Replace(check.Key, check.Value));
        File.WriteAllText(output, text);
        var spec = Failover.Core.Spec.SpecLoader.Load(text);
        Assert.False(spec.HasErrors, string.Join("\n", spec.Diagnostics));

        await ApplyAndTearDownAsync(output, spec.Spec!);
        // Not the tree's: its teardown left them, as it must.
        foreach (var id in checks.Values)
        {
            var deleted = await LocalStack.AwsCli.RunAsync(stack.EdgeUrl, "route53", "delete-health-check", "--health-check-id", id);
            Assert.True(deleted.ExitCode == 0, deleted.Error);
        }
    }

    /// <summary>A health check made in the stack for each id the imported spec names, by the id it stands for.</summary>
    private async Task<Dictionary<string, string>> ChecksNamedByIdAsync(string spec)
    {
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        var named = System.Text.RegularExpressions.Regex.Matches(spec, "\"healthCheckId\": *\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);
        foreach (var id in named)
        {
            var created = await _support.AwsJsonAsync("route53", "create-health-check", "--caller-reference", Guid.NewGuid().ToString("N"),
                "--health-check-config", "Type=TCP,IPAddress=192.0.2.44,Port=443");
            made[id] = created.GetProperty("HealthCheck").GetProperty("Id").GetString()!;
        }
        return made;
    }

    /// <summary>The import runs offline: no endpoint.</summary>
    private static async Task<(int Code, string Out, string Error)> ImportAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await Failover.Cli.CliApp.RunAsync(["import-traffic-policy", .. args], new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task ApplyAndTearDownAsync(string path, Failover.Core.Spec.TreeSpec spec)
    {
        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        Assert.Contains("SUCCEEDED", applied.Out);

        var zone = (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).ToHashSet();
        var compiled = TreeCompiler.Compile(spec).Records.Select(r => WorkflowTestSupport.Key(r.RecordSet)).ToList();
        Assert.All(compiled, key => Assert.Contains(key, zone));

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        var left = (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).ToHashSet();
        Assert.DoesNotContain(compiled, left.Contains);
    }
}
