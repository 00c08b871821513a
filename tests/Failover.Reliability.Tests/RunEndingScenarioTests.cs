using Failover.Reliability.Scenarios;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>Runs that end badly: killed outright, or stopped by a record Route 53 or the service refuses.</summary>
[Collection(RunEndingScenarios.Name)]
[Trait("Category", "Reliability")]
public sealed class RunEndingScenarioTests(RunEndingScenarios.Stack fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_run_killed_outright_keeps_the_tree_locked_until_its_lock_expires_then_a_new_run_converges()
    {
        var result = await ScenarioAssert.RunAsync(new KilledRuns(), fixture.Stack, output);

        Assert.Equal(result["runs killed"], result["new runs refused while locked"]);
    }

    [Fact]
    public async Task A_layer_that_cannot_be_written_ends_in_rollback_and_the_zone_byte_for_byte_as_before()
    {
        var result = await ScenarioAssert.RunAsync(new PermanentFailures(), fixture.Stack, output);

        Assert.Equal(result["conflicts injected"], result["runs rolled back"]);
    }
}

[CollectionDefinition(Name)]
public sealed class RunEndingScenarios : ICollectionFixture<RunEndingScenarios.Stack>
{
    public const string Name = "reliability: killed and failed runs";

    public sealed class Stack : SuiteStackFixture;
}
