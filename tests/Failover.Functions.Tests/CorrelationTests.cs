using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Api;
using Failover.Core.Spec;
using Failover.Functions.Handlers;
using Failover.Functions.Handlers.Api;
using Failover.Functions.Hosting;
using Failover.Service.Adapters;
using Failover.Service.Logging;
using Failover.Service.Ports;
using Failover.Service.Workflow;
using Failover.Service.Zones;
using Failover.Testing;
using Failover.Testing.Route53;
using Failover.Testing.Store;
using Failover.Testing.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Failover.Functions.Tests;

/// <summary>
/// One correlation id from an API request to the log lines of the run it starts, through the deployed binary's handler
/// table: the Api function answers POST /trees, the run's execution input is what Step Functions would start with, and
/// the Plan state's Parameters (read from the definition) turn it into the PlanTree function's input.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CorrelationTests
{
    private const string StateMachineArn = "arn:aws:states:us-east-1:123456789012:stateMachine:Provisioning";

    private sealed class InMemoryServices : IFunctionServices
    {
        public InMemoryServices()
        {
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
            {
                AutoAdvanceAmount = TimeSpan.FromMilliseconds(1),
            };
            Route53 = new InMemoryRoute53(Time);
            Zone = Route53.AddZone("example.com");
            var store = new InMemoryProgressStore(Time);
            Workflow = new WorkflowServices(Route53, store, Time, new WorkflowOptions());
            var launcher = new RunStarterLauncher(new RunStarter(store, Executions, StateMachineArn, Time));
            Api = new ApiService(new ApiDependencies(new ProgressStoreTrees(store), new Route53ZoneReader(Route53), launcher,
                new ApiOptions { AllowedZones = new ZoneAllowList([Zone.Id]) }));
        }

        public FakeTimeProvider Time { get; }
        TimeProvider IFunctionServices.Time => Time;
        public InMemoryRoute53 Route53 { get; }
        public Failover.Service.Ports.Route53.HostedZone Zone { get; }
        public RecordingExecutions Executions { get; } = new();
        public WorkflowServices Workflow { get; }
        public ApiService Api { get; }
    }

    private sealed class RecordingExecutions : IExecutions
    {
        public List<string> Inputs { get; } = [];

        public Task<string> StartAsync(string stateMachineArn, string input, string name, CancellationToken cancellationToken = default)
        {
            Inputs.Add(input);
            return Task.FromResult($"{stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal)}:{name}");
        }
    }

    [Fact]
    public async Task A_POST_trees_correlation_id_is_on_the_API_lines_and_on_the_lines_of_the_run_it_starts()
    {
        var services = new InMemoryServices();
        var log = new LogCapture();
        var table = FunctionCatalog.Build(services, new HostingOptions { Log = new LogSink(log) });
        var spec = SpecJsonWriter.Write(WorkflowTrees.FailoverPool("www", services.Zone.Id, services.Zone.Name));

        var answer = await table.InvokeAsync(ApiHandler.Name, Event("POST", "/trees", spec, "deploy-42"), CancellationToken.None);

        Assert.True(answer.Error is null, answer.Error?.Message);
        var runId = Assert.Single(log.Lines, l => l.GetProperty("message").GetString() == "run started").GetProperty("run_id").GetString();
        var input = JsonNode.Parse(Assert.Single(services.Executions.Inputs))!;
        Assert.Equal("deploy-42", (string?)input["correlationId"]);

        await table.InvokeAsync(WorkflowHandlers.PlanTree, PlanStateInput(input), CancellationToken.None);

        var step = Assert.Single(log.Lines, l => l.GetProperty("message").GetString() == "workflow step");
        Assert.Equal((runId, "deploy-42"), (step.GetProperty("run_id").GetString(), step.GetProperty("correlation_id").GetString()));
        Assert.All(log.Lines.Where(l => l.GetProperty("handler").GetString() == ApiHandler.Name),
            line => Assert.Equal("deploy-42", line.GetProperty("correlation_id").GetString()));
    }

    [Fact]
    public async Task Every_line_of_every_step_carries_the_run_id_and_the_correlation_id_and_only_the_first_invocation_is_cold()
    {
        var services = new InMemoryServices();
        var log = new LogCapture();
        var table = FunctionCatalog.Build(services, new HostingOptions { Log = new LogSink(log) });
        var spec = SpecJsonWriter.Write(WorkflowTrees.FailoverPool("www", services.Zone.Id, services.Zone.Name));
        await table.InvokeAsync(ApiHandler.Name, Event("POST", "/trees", spec, "deploy-7"), CancellationToken.None);
        var input = JsonNode.Parse(Assert.Single(services.Executions.Inputs))!;
        var runId = (string)input["runId"]!;

        var planned = await table.InvokeAsync(WorkflowHandlers.PlanTree, PlanStateInput(input), CancellationToken.None);
        Assert.True(planned.Error is null, planned.Error?.Message);
        var cursor = JsonNode.Parse(planned.Payload.Span)!;
        var layer = new JsonObject { ["runId"] = runId, ["correlationId"] = "deploy-7", ["cursor"] = cursor.DeepClone() };
        await table.InvokeAsync(WorkflowHandlers.ApplyHealthChecks, Encoding.UTF8.GetBytes(layer.ToJsonString()), CancellationToken.None);
        // A step whose input names no layer fails; its error line carries the run too.
        var broken = new JsonObject { ["runId"] = runId, ["correlationId"] = "deploy-7" };
        await table.InvokeAsync(WorkflowHandlers.ApplyHealthChecks, Encoding.UTF8.GetBytes(broken.ToJsonString()), CancellationToken.None);

        var steps = log.Lines.Where(l => l.GetProperty("handler").GetString() != ApiHandler.Name).ToList();
        Assert.Contains(steps, l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal(3, steps.Select(l => l.GetProperty("function_request_id").GetString()).Distinct().Count());
        Assert.All(steps, line => Assert.Equal((runId, "deploy-7"),
            (line.GetProperty("run_id").GetString(), line.GetProperty("correlation_id").GetString())));
        // The API's request was this table's first invocation; every later one is warm.
        Assert.All(log.Lines.Where(l => l.GetProperty("handler").GetString() == ApiHandler.Name),
            line => Assert.True(line.GetProperty("cold_start").GetBoolean()));
        Assert.All(steps, line => Assert.False(line.GetProperty("cold_start").GetBoolean()));
    }

    /// <summary>An API Gateway HTTP API (payload format 2.0) event.</summary>
    private static byte[] Event(string method, string path, string body, string correlationId) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "2.0",
        ["routeKey"] = $"{method} {path}",
        ["rawPath"] = path,
        ["rawQueryString"] = "",
        ["headers"] = new JsonObject { ["content-type"] = "application/json", ["x-correlation-id"] = correlationId },
        ["requestContext"] = new JsonObject
        {
            ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1" },
            ["requestId"] = "gw-1",
            ["routeKey"] = $"{method} {path}",
            ["stage"] = "$default",
        },
        ["body"] = body,
        ["isBase64Encoded"] = false,
    }.ToJsonString());

    /// <summary>What the definition's Plan state sends its function: its Parameters, each <c>k.$</c> read from the input.</summary>
    private static byte[] PlanStateInput(JsonNode input)
    {
        var path = Path.Combine(Handlers.WorkflowHandlerTests.RepositoryRoot(), "src", "StateMachine", "Provisioning.asl.json");
        var definition = JsonNode.Parse(File.ReadAllText(path))!;
        var parameters = definition["States"]!["Plan"]!["Parameters"]!.AsObject();
        var payload = new JsonObject();
        foreach (var (key, value) in parameters)
            if (key.EndsWith(".$", StringComparison.Ordinal))
                payload[key[..^2]] = input[((string)value!)["$.".Length..]]?.DeepClone();
            else
                payload[key] = value?.DeepClone();
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }
}
