using Failover.Aws.Clients;
using System.Text;
using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;
using Failover.Functions.Handlers;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Testing;

namespace Failover.Functions.Tests.Handlers;

/// <summary>The workflow handlers' edges: names in the catalog, input parsing, and failures as the state machine sees them.</summary>
[Trait("Category", "Unit")]
public sealed class WorkflowHandlerTests
{
    /// <summary>Services whose AWS endpoints refuse connections: every call fails the way a network outage does.</summary>
    private sealed class UnreachableServices : IFunctionServices
    {
        public TimeProvider Time => TimeProvider.System;

        public WorkflowServices Workflow { get; } = new(
            new Route53Client(new Route53ClientOptions { Endpoint = new Uri("http://127.0.0.1:9"), MaxRetries = 0 },
                credentials: new Amazon.Runtime.BasicAWSCredentials("x", "x")),
            new ProgressStore(
                DynamoDbClientFactory.Create(new Uri("http://127.0.0.1:9"), "us-east-1", new Amazon.Runtime.BasicAWSCredentials("x", "x")),
                "progress", TimeProvider.System),
            TimeProvider.System, new WorkflowOptions());
    }

    private static HandlerTable Table(Stream? log = null) =>
        FunctionCatalog.Build(new UnreachableServices(), new HostingOptions { Log = new LogSink(log ?? Stream.Null) });

    private static Task<InvocationOutcome> InvokeAsync(string handler, string json) =>
        Table().InvokeAsync(handler, Encoding.UTF8.GetBytes(json), CancellationToken.None);

    [Fact]
    public void The_catalog_serves_one_function_per_task_state_of_the_definition()
    {
        var table = Table();
        var definition = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "StateMachine", "Provisioning.asl.json"));

        Assert.All(WorkflowHandlers.Names, name => Assert.True(table.Contains(name), name));
        Assert.All(WorkflowHandlers.Names, name => Assert.Contains("${" + name + "FunctionArn}", definition));
    }

    [Theory]
    [InlineData("""{"force":true}""")]
    [InlineData("[1,2]")]
    [InlineData("not json")]
    public async Task Input_that_is_not_a_step_request_fails_as_InvalidStepInput(string json)
    {
        var outcome = await InvokeAsync(WorkflowHandlers.PlanTree, json);

        Assert.Equal("InvalidStepInput", outcome.Error!.Type);
    }

    [Fact]
    public async Task A_layer_step_without_its_cursor_fails_as_InvalidStepInput_naming_the_run()
    {
        var outcome = await InvokeAsync(WorkflowHandlers.ApplyRecordLayer, """{"runId":"r-1"}""");

        Assert.Equal("InvalidStepInput", outcome.Error!.Type);
        Assert.Contains("r-1", outcome.Error.Message);
    }

    [Fact]
    public async Task A_steps_log_lines_carry_the_run_and_the_correlation_id_of_the_request_that_started_it()
    {
        var log = new LogCapture();
        var step = """{"runId":"r-9","correlationId":"deploy-42","cursor":{"step":"LeafRecords","layer":1,"layers":3}}""";

        await Table(log).InvokeAsync(WorkflowHandlers.ApplyRecordLayer, Encoding.UTF8.GetBytes(step), CancellationToken.None);

        var line = Assert.Single(log.Lines, l => l.GetProperty("message").GetString() == "workflow step");
        Assert.Equal(("r-9", "deploy-42", "LeafRecords"), (line.GetProperty("run_id").GetString(),
            line.GetProperty("correlation_id").GetString(), line.GetProperty("step").GetString()));
        // The failure (AWS out of reach) is logged under the same ids.
        var failed = Assert.Single(log.Lines, l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal(("r-9", "deploy-42"), (failed.GetProperty("run_id").GetString(), failed.GetProperty("correlation_id").GetString()));
    }

    [Fact]
    public void Every_task_of_the_definition_passes_the_correlation_id_on_to_its_function()
    {
        using var definition =
            JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "StateMachine", "Provisioning.asl.json")));
        var tasks = definition.RootElement.GetProperty("States").EnumerateObject()
            .Where(state => state.Value.GetProperty("Type").GetString() == "Task").ToList();

        Assert.NotEmpty(tasks);
        Assert.All(tasks, task => Assert.Equal("$.correlationId",
            task.Value.GetProperty("Parameters").GetProperty("correlationId.$").GetString()));
    }

    [Fact]
    public async Task AWS_out_of_reach_fails_as_TransientFailure_which_the_state_machine_retries()
    {
        var outcome = await InvokeAsync(WorkflowHandlers.Finalize, """{"runId":"r-1"}""");

        Assert.Equal(WorkflowErrors.Transient, outcome.Error!.Type);
        using var definition =
            JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "StateMachine", "Provisioning.asl.json")));
        var retried = definition.RootElement.GetProperty("States").GetProperty("Finalize").GetProperty("Retry").EnumerateArray()
            .SelectMany(r => r.GetProperty("ErrorEquals").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(WorkflowErrors.Transient, retried);
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Failover.sln"))) return directory.FullName;
        throw new InvalidOperationException("the repository root (Failover.sln) was not found above " + AppContext.BaseDirectory);
    }
}
