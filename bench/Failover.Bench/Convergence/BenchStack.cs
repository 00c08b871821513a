using Failover.Aws.Clients;
using System.Text.Json.Nodes;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Drift;
using Failover.Local.Edge;
using Failover.Local.Realism;
using Failover.Local.Resources;

namespace Failover.Bench.Convergence;

/// <summary>
/// A fresh local stack (its own moto, the real state machine, the Route 53 realism layer) for one measurement, so no
/// measurement sees another's health checks or records. The bench talks to it as a client would: through the edge.
/// Counts come from the realism layer's own counters (<c>/_local/realism/stats</c>), i.e. what the "Route 53" side saw.
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly LocalStack _stack;

    private BenchStack(LocalStack stack, WorkflowOptions workflow)
    {
        _stack = stack;
        Workflow = workflow;
        Route53 = new Route53Client(new Route53ClientOptions { Endpoint = stack.EdgeUrl }, credentials: LocalAccount.Credentials);
        Store =
            new ProgressStore(DynamoDbClientFactory.Create(stack.EdgeUrl, LocalAccount.Region, LocalAccount.Credentials),
            workflow.TableName, TimeProvider.System);
        States =
            new StepFunctionsClient(new StepFunctionsClientOptions { Region = LocalAccount.Region, Endpoint = stack.EdgeUrl },
            credentials: LocalAccount.Credentials);
    }

    public Uri EdgeUrl => _stack.EdgeUrl;
    public Uri MotoUrl => _stack.MotoUrl;
    public string ZoneId => _stack.Resources!.HostedZones[LocalResourceNames.DemoZone].Split('/').Last();
    public string ZoneName => LocalResourceNames.DemoZone;
    public string StateMachineArn => _stack.Resources!.StateMachines[StateMachineLocator.DefaultName];
    public WorkflowOptions Workflow { get; }

    /// <summary>A client with the service's defaults (5 requests/s, retries on throttling), through the realism layer.</summary>
    public Route53Client Route53 { get; }
    public ProgressStore Store { get; }
    public StepFunctionsClient States { get; }

    /// <param name="pending">How long each change answers PENDING before INSYNC.</param>
    /// <param name="rateLimited">Route 53's account-wide rate (5/s, burst 50) answered with Throttling.</param>
    public static async Task<BenchStack> StartAsync(TimeSpan pending, bool rateLimited = true)
    {
        // The SDKs' credential chain and region resolution read these; moto accepts any credentials.
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", LocalAccount.Region);
        var workflow = new WorkflowOptions
        {
            TableName = LocalResourceNames.ProgressTable, SyncPollInterval = TimeSpan.FromSeconds(1),
                SyncTimeout = TimeSpan.FromMinutes(10),
        };
        var stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            EdgePort = 0,
            StateMachineDirectory = LocalResources.FindStateMachineDirectory(AppContext.BaseDirectory)
                ?? LocalResources.FindStateMachineDirectory(Environment.CurrentDirectory),
            Realism = new RealismSettings { ChangePendingFor = pending, RateLimit = new RateLimitSettings { Enabled = rateLimited } },
            Drift = new DriftEmulationSettings { ScheduleInterval = null },
            Workflow = workflow,
        });
        return new BenchStack(stack, workflow);
    }

    /// <summary>Zero counters and a full request bucket: each measurement starts alike.</summary>
    public async Task ResetCountsAsync()
    {
        (await Http.PostAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismResetPath), null)).EnsureSuccessStatusCode();
        (await Http.DeleteAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismStatsPath))).EnsureSuccessStatusCode();
    }

    public async Task<RequestCounts> CountsAsync() =>
        RequestCounts.FromStats(JsonNode.Parse(await Http.GetStringAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismStatsPath)))!);

    public async Task SetRealismAsync(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync(new Uri(EdgeUrl, LocalControlEndpoints.RealismPath), content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"realism settings refused: {await response.Content.ReadAsStringAsync()}");
    }

    public ValueTask DisposeAsync() => _stack.DisposeAsync();
}
