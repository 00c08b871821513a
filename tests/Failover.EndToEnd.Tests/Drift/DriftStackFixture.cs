using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Cli;
using Failover.Core.Drift;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.LocalStack;
using Failover.Local.Drift;
using Failover.Local.Resources;
using Failover.Core.Contracts;
using Failover.Testing.Stack;
using Failover.Testing;

namespace Failover.EndToEnd.Tests.Drift;

/// <summary>
/// A local stack of its own for the drift tests (their trees are all checked by every scheduled pass, so they must
/// not share a table with other tests): the schedule fires only when a test asks, the queue is polled with a
/// one-second visibility timeout, and the worker's metric lines are kept for the tests to read.
/// </summary>
public sealed class DriftStackFixture : IAsyncLifetime
{
    private readonly StringWriter _metrics = new();
    private TestStack? _stack;

    public Local.LocalStack Stack => Started.Local;
    public Uri EdgeUrl => Stack.EdgeUrl;
    public string ZoneId => Started.HostedZonePath;
    public ProgressStore Store => Started.Store;
    public AmazonSQSClient Sqs => Started.Sqs;

    private TestStack Started => _stack ?? throw new InvalidOperationException("the local stack is not started");

    public string Metrics
    {
        get { lock (_metrics) return _metrics.ToString(); }
    }

    public async Task InitializeAsync()
    {
        // The real provisioning definition: a repair is a workflow run, as deployed.
        _stack = await new TestStackBuilder()
            .WithDrift(new DriftEmulationSettings
            {
                ScheduleInterval = null, VisibilityTimeout = TimeSpan.FromSeconds(1), MetricsOutput = _metrics,
            })
            .StartAsync();
    }

    /// <summary>Applies the spec with <c>failover apply</c>: a workflow run, followed to its success.</summary>
    public async Task<TreeSpec> ApplyAsync(string specJson)
    {
        var parsed = SpecLoader.Load(specJson);
        Assert.False(parsed.HasErrors, string.Join("\n", parsed.Diagnostics));
        var path = Path.Combine(Path.GetTempPath(), $"failover-drift-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, specJson);
        var (code, output, error) = await CliAsync("apply", path, "--yes", "--endpoint", EdgeUrl.ToString());
        Assert.True(code == 0, output + error);
        return parsed.Spec!;
    }

    /// <summary>
    /// Marks the tree torn down in the progress table, so later scheduled passes leave it out (a teardown run cannot
    /// do it for a tree whose zone is gone).
    /// </summary>
    public async Task ForgetAsync(string tree)
    {
        var record = await Store.GetTreeAsync(tree);
        if (record?.CurrentVersion is { } version) await FinishRunAsync(tree, version, RunKind.Teardown);
    }

    private async Task FinishRunAsync(string tree, int version, RunKind kind)
    {
        var runId = RunIds.New(TimeProvider.System);
        await Store.CreateRunAsync(new NewRun(runId, tree, version, kind));
        await Store.SetRunStatusAsync(runId, RunStatus.Succeeded);
    }

    /// <summary>The run once it has ended.</summary>
    public async Task<RunRecord> RunEndedAsync(string runId) =>
        (await Eventually.ReachAsync($"run {runId} to end", token => Store.GetRunAsync(runId, token),
            run => run is { Status: not RunStatus.Running }, within: TimeSpan.FromSeconds(120), every: TimeSpan.FromMilliseconds(250)))!;

    /// <summary>Fires the drift schedule the way a user would, over HTTP; returns the scheduler's answer.</summary>
    public async Task<JsonNode> FireScheduleAsync()
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(EdgeUrl, DriftScheduleEndpoint.Path), null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the drift schedule failed: {body}");
        return JsonNode.Parse(body)!["response"]!;
    }

    /// <summary>The tree's report once a check newer than <paramref name="after"/> has stored one.</summary>
    public async Task<DriftReport> ReportAfterAsync(string tree, DateTimeOffset after)
    {
        var stored = await Eventually.ReachAsync($"a drift report of {tree} checked after {after:O}",
            token => Store.GetDriftReportAsync(tree, token), report => report is not null && report.CheckedAt >= after,
            within: TimeSpan.FromSeconds(90), every: TimeSpan.FromMilliseconds(200));
        return DriftReportJson.Read(stored!.ReportJson);
    }

    public async Task<JsonElement> AwsJsonAsync(params string[] args)
    {
        var result = await AwsCli.RunAsync(EdgeUrl, [.. args, "--output", "json"]);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', args)}: {result.Error}");
        return JsonDocument.Parse(result.Output.Length == 0 ? "{}" : result.Output).RootElement.Clone();
    }

    public static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DriftStackCollection : ICollectionFixture<DriftStackFixture>
{
    public const string Name = "drift stack";
}
