using Failover.Reliability.Scenarios;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>Trees through the real workflow under Route 53 faults and crashed functions.</summary>
[Collection(WorkflowScenarios.Name)]
[Trait("Category", "Reliability")]
public sealed class WorkflowScenarioTests(WorkflowScenarios.Stack fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Under_Route_53_faults_every_run_converges_with_no_duplicate_or_orphan()
    {
        var result = await ScenarioAssert.RunAsync(new FaultConvergence(), fixture.Stack, output);

        Assert.True(result["runs converged"] >= 6, $"{result["runs converged"]} runs converged");
        foreach (var kind in Enum.GetNames<Failover.Local.Realism.FaultKind>()) Assert.True(
            result[$"faults: {kind}"] > 0, $"no {kind} fault was injected");
    }

    [Fact]
    public async Task A_function_killed_part_way_through_a_layer_is_retried_and_converges()
    {
        var result = await ScenarioAssert.RunAsync(new CrashRecovery(), fixture.Stack, output);

        Assert.True(result["runs converged after a crash"] >= 2);
        Assert.True(result["crashes in rollback runs"] >= 1, "no Rollback was killed");
    }
}

[CollectionDefinition(Name)]
public sealed class WorkflowScenarios : ICollectionFixture<WorkflowScenarios.Stack>
{
    public const string Name = "reliability: faults and crashes";

    public sealed class Stack : SuiteStackFixture;
}
