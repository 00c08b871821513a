using System.Text.Json;
using Failover.Cli;
using Failover.EndToEnd.Tests.Workflow;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// A user with only <c>execute-api:Invoke</c>: the local API refuses anything not SigV4-signed (as IAM authorisation
/// does), every command goes through <c>--api</c> signed with the user's profile, and the direct path points nowhere
/// (<c>--endpoint</c> at a closed port), so nothing reaches DynamoDB, Step Functions or Route 53 but through the service.
/// </summary>
[Collection(SignedApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class CliWithApiAccessOnlyTests(SignedApiStackFixture stack, ITestOutputHelper log)
{
    private const string Nowhere = "http://127.0.0.1:9";
    private static readonly HashSet<string> Direct = ["plan", "apply", "destroy", "rollback", "status", "list", "runs", "drift", "health"];

    private readonly WorkflowTestSupport _support = stack.Support;

    private Task<(int Code, string Out, string Error)> CliAsync(params string[] args) =>
        RunAsync(SignedApiStackFixture.Profile, args);

    private async Task<(int Code, string Out, string Error)> RunAsync(string profile, string[] args)
    {
        string[] target = ["--api", stack.Api.BaseUrl.ToString(), "--profile", profile];
        if (Direct.Contains(args[0])) target = [.. target, "--endpoint", Nowhere];
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, .. target], new StringReader(""), stdout, stderr);
        log.WriteLine($"failover {string.Join(' ', args)} → {code}\n{stderr}{stdout}");
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Unsigned_and_wrongly_signed_requests_are_refused_as_API_Gateway_refuses_them()
    {
        var unsigned = await stack.Api.GetAsync("/trees");
        Assert.Equal(403, unsigned.Status);
        Assert.Equal("Missing Authentication Token", unsigned.Json.GetProperty("message").GetString());

        var intruder = await RunAsync(SignedApiStackFixture.WrongProfile, ["list"]);
        Assert.Equal(1, intruder.Code);
        Assert.Contains("403", intruder.Error);
        Assert.Contains("signature we calculated does not match", intruder.Error);
    }

    [Fact]
    public async Task Every_command_works_through_the_signed_API_alone()
    {
        var name = "sig" + Guid.NewGuid().ToString("N")[..8];
        var start = (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).Order().ToList();
        var (path, _) = _support.WriteSpec("simple-failover.json", name);
        var (editedPath, _) = _support.WriteSpec("simple-failover.json", name,
            edit: json => json["root"]!["secondary"]!["endpoint"]!["values"]![0] = "2001:db8::21");

        Assert.Equal(2, (await CliAsync("plan", path, "--detailed-exitcode")).Code);
        var applied = await CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Error);
        var unchanged = await CliAsync("plan", path, "--detailed-exitcode");
        Assert.True(unchanged.Code == 0, unchanged.Out + unchanged.Error);
        Assert.Equal(2, (await CliAsync("plan", editedPath, "--detailed-exitcode")).Code);
        var edited = await CliAsync("apply", editedPath, "--yes");
        Assert.True(edited.Code == 0, edited.Error);

        var status = await CliAsync("status", name, "--json");
        Assert.True(status.Code == 0, status.Error);
        Assert.Equal(2, JsonDocument.Parse(status.Out).RootElement.GetProperty("currentVersion").GetInt32());
        Assert.Contains(name, (await CliAsync("list")).Out);
        var runs = await CliAsync("runs", name, "--json");
        Assert.True(runs.Code == 0, runs.Error);
        Assert.Equal(["SUCCEEDED", "SUCCEEDED"], JsonDocument.Parse(runs.Out).RootElement.GetProperty("runs").EnumerateArray()
            .Select(r => r.GetProperty("status").GetString()));

        var health = await CliAsync("health", name, "--json");
        Assert.True(health.Code == 0, health.Error);
        Assert.Equal("main", JsonDocument.Parse(health.Out).RootElement.GetProperty("nodes")[0].GetProperty("nodeId").GetString());
        var simulated = await CliAsync("simulate", name, "--unhealthy", "main");
        Assert.True(simulated.Code == 0, simulated.Error);
        Assert.Contains("standby", simulated.Out);
        Assert.Contains("2001:db8::21", simulated.Out);
        var diagram = await CliAsync("diagram", name);
        Assert.True(diagram.Code == 0, diagram.Error);
        Assert.Contains("flowchart", diagram.Out);
        var drift = await CliAsync("drift", name, "--check", "--detailed-exitcode");
        Assert.True(drift.Code == 0, drift.Out + drift.Error);

        var rolledBack = await CliAsync("rollback", name, "--to-version", "1", "--yes");
        Assert.True(rolledBack.Code == 0, rolledBack.Error);
        Assert.Equal(0, (await CliAsync("plan", path, "--detailed-exitcode")).Code);
        var destroyed = await CliAsync("destroy", name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Error);
        Assert.Equal(start, (await _support.RecordsAsync()).Select(WorkflowTestSupport.Key).Order().ToList());
    }
}
