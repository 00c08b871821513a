using Failover.EndToEnd.Tests.Workflow;
using Failover.Service.Logging;
using Failover.Local.Drift;
using Failover.Testing;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// One local stack for every test of the HTTP API: the API Gateway emulation in front of the real <c>Api</c> function,
/// whose runs are Step Functions executions of src/StateMachine on moto. The functions' JSON log lines are kept, so
/// tests can follow a correlation id from a request to its run.
/// </summary>
public sealed class ApiStackFixture : IAsyncLifetime
{
    private TestStack? _stack;

    public Local.LocalStack Stack => (_stack ?? throw new InvalidOperationException("the local stack is not started")).Local;
    public ApiClient Api { get; private set; } = null!;
    public string ZoneId => _stack!.ZoneId;
    public LogCapture Logs { get; } = new();

    /// <summary>Specs in the local zone and the AWS CLI as the independent reader of Route 53.</summary>
    internal WorkflowTestSupport Support => new(Stack.EdgeUrl, ZoneId);

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithFunctionLog(new LogSink(Logs))
            .WithDrift(new DriftEmulationSettings { ScheduleInterval = null, MetricsOutput = TextWriter.Null })
            .StartAsync();
        Api = new ApiClient(Stack.ApiUrl);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApiStackCollection : ICollectionFixture<ApiStackFixture>
{
    public const string Name = "api stack";
}
