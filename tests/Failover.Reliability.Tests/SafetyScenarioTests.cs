using Failover.Reliability.Scenarios;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>
/// The ways a run could change or revert DNS it should not: answers lost after Route 53, DynamoDB or Step Functions
/// applied a call, a foreign write between a layer's read and its CREATE, a stale invocation after a takeover, a move to
/// another zone, drift repair racing an apply.
/// </summary>
[Collection(SafetyScenarios.Name)]
[Trait("Category", "Reliability")]
public sealed class SafetyScenarioTests(SafetyScenarios.Stack fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Answers_lost_after_Route_53_applied_a_change_never_roll_a_run_back()
    {
        var result = await ScenarioAssert.RunAsync(AmbiguousFaults.Route53, fixture.Stack, output);

        Assert.True(result["faults on ChangeResourceRecordSets"] > 0, "no record change lost its answer");
        Assert.True(result["runs converged"] >= 4, $"{result["runs converged"]} runs converged");
    }

    [Fact]
    public async Task Faults_on_DynamoDB_and_Step_Functions_calls_never_roll_a_run_back()
    {
        var result = await ScenarioAssert.RunAsync(AmbiguousFaults.Services, fixture.Stack, output);

        Assert.True(result["faults on DynamoDB.PutItem"] + result["faults on DynamoDB.UpdateItem"] > 0, "no DynamoDB write faulted");
        Assert.True(result["runs converged"] >= 4, $"{result["runs converged"]} runs converged");
    }

    [Fact]
    public async Task A_foreign_write_between_read_and_create_rolls_the_run_back_and_survives() =>
        await ScenarioAssert.RunAsync(new ForeignWrite(), fixture.Stack, output);

    [Fact]
    public async Task A_stale_invocation_after_a_takeover_writes_nothing() =>
        await ScenarioAssert.RunAsync(new StaleInvocation(), fixture.Stack, output);

    [Fact]
    public async Task A_zone_move_under_faults_leaves_the_tree_whole_in_the_new_zone_and_nothing_in_the_old() =>
        await ScenarioAssert.RunAsync(new ZoneMove(), fixture.Stack, output);

    [Fact]
    public async Task Drift_repair_racing_an_apply_never_reverts_the_newer_version() =>
        await ScenarioAssert.RunAsync(new DriftRace(), fixture.Stack, output);
}

[CollectionDefinition(Name)]
public sealed class SafetyScenarios : ICollectionFixture<SafetyScenarios.Stack>
{
    public const string Name = "reliability: safety";

    public sealed class Stack : SuiteStackFixture;
}
