using System.Text.Json;
using Failover.EndToEnd.Tests.Workflow;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// The CLI as a user with only the deployed API uses it (<c>--api</c>): plan against the live zone with Terraform's
/// exit codes, apply that asks first and changes nothing without an answer, status, list, drift, destroy — each
/// through the local stack's HTTP API and the workflow it starts, with Route 53 read back by the AWS CLI.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class CliThroughApiTests(ApiStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = stack.Support;

    private Task<(int Code, string Out, string Error)> CliAsync(params string[] args) =>
        _support.CliAsync([.. args, "--api", stack.Api.BaseUrl.ToString()]);

    [Fact]
    public async Task Plan_apply_status_list_drift_and_destroy_go_through_the_API_with_terraform_habits()
    {
        var name = "cli" + Guid.NewGuid().ToString("N")[..8];
        var start = (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).Order().ToList();
        var (path, _) = _support.WriteSpec("simple-failover.json", name);

        // Planned against the live zone: everything to create, so exit 2 with --detailed-exitcode.
        var planned = await CliAsync("plan", path, "--detailed-exitcode");
        Assert.True(planned.Code == 2, planned.Error);
        Assert.Contains("CREATE", planned.Out);

        // No terminal and no --yes: the plan is shown, nothing is stored or changed.
        var unconfirmed = await CliAsync("apply", path);
        Assert.Equal(1, unconfirmed.Code);
        Assert.Contains("run it again with --yes", unconfirmed.Error);
        Assert.Equal("tree-not-found", (await stack.Api.GetAsync($"/trees/{name}")).Problem);
        Assert.Equal(start, (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).Order().ToList());

        var applied = await CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Error);
        Assert.Contains($"{name}: run ", applied.Out);
        Assert.Contains("SUCCEEDED", applied.Out);
        Assert.Contains("[leaf-records] done", applied.Error);
        var records = (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).ToList();
        Assert.Contains($"{name}.example.com AAAA main", records);

        // Applied and unchanged: no changes, exit 0; an edit: exit 2, and apply without an answer still changes nothing.
        var unchanged = await CliAsync("plan", path, "--detailed-exitcode");
        Assert.True(unchanged.Code == 0, unchanged.Out + unchanged.Error);
        Assert.Contains("Nothing to change", unchanged.Out);
        var (editedPath, _) = _support.WriteSpec("simple-failover.json", name,
            edit: json => json["root"]!["secondary"]!["endpoint"]!["values"]![0] = "2001:db8::21");
        var edited = await CliAsync("plan", editedPath, "--detailed-exitcode", "--json");
        Assert.Equal(2, edited.Code);
        Assert.Contains("2001:db8::21", edited.Out);
        Assert.Equal(1, (await CliAsync("apply", editedPath)).Code);
        Assert.Equal(1, JsonDocument.Parse((await stack.Api.GetAsync($"/trees/{name}")).Body).RootElement
            .GetProperty("latestVersion").GetInt32());

        var status = await CliAsync("status", name, "--json");
        Assert.True(status.Code == 0, status.Error);
        var document = JsonDocument.Parse(status.Out).RootElement;
        Assert.Equal((name, 1, "SUCCEEDED"), (document.GetProperty("tree").GetString(), document.GetProperty("currentVersion").GetInt32(),
            document.GetProperty("lastRun").GetProperty("status").GetString()));
        Assert.Contains(name, (await CliAsync("list")).Out);

        var drift = await CliAsync("drift", name, "--check", "--detailed-exitcode");
        Assert.True(drift.Code == 0, drift.Out + drift.Error);

        var destroyed = await CliAsync("destroy", name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Error);
        Assert.Equal(start, (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).Order().ToList());
        log.WriteLine(applied.Error);
    }

    // The quick start's main job (dotnet run --project src/Local -- --apply SPEC) goes through the service: the tree,
    // its run and its nodes are what GET /trees and the dashboard show.
    [Fact]
    public async Task The_quick_start_applies_through_the_service_and_the_tree_is_listed_with_its_run()
    {
        var name = "qs" + Guid.NewGuid().ToString("N")[..8];
        var (path, _) = _support.WriteSpec("www.json", name);
        var output = new StringWriter();

        var code = await Failover.Local.Demo.DemoApply.RunAsync(stack.Stack, path, output, CancellationToken.None);

        Assert.True(code == 0, output.ToString());
        Assert.Contains($"/#/trees/{name}", output.ToString());
        var listed = (await stack.Api.GetAsync("/trees")).Json.GetProperty("trees").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == name);
        Assert.Equal("SUCCEEDED", listed.GetProperty("lastRunStatus").GetString());
        var destroyed = await CliAsync("destroy", name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Error);
    }
}
