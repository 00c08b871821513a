using Xunit.Abstractions;
using Failover.Core.Compilation;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// The loops that keep every invocation bounded, on the real state machine: a layer state answers a cursor to itself
/// while its layer has work left, and Rollback goes through its RollbackDone choice back into itself while the restore
/// is not through. With a step budget of nothing, every invocation does one unit (a health check, a change batch), so
/// the five checks of complex.json take five entries of HealthChecks, and undoing them five or more of Rollback: the
/// same paths a tree of thousands of nodes takes with the deployed 120 s.
/// </summary>
[Collection(OneUnitStepsCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class BoundedStepRunTests(OneUnitStepsFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);

    [Fact]
    public async Task A_run_of_one_unit_per_invocation_enters_each_layer_again_until_it_is_done_and_converges()
    {
        var before = await _support.RecordsAsync();
        var (path, spec) = _support.WriteSpec("complex.json", name: "bounded");
        var compiled = TreeCompiler.Compile(spec);

        var applied = await _support.CliAsync("apply", path, "--yes");

        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        var after = await _support.RecordsAsync();
        var expected = before.Select(WorkflowTestSupport.Key).Concat(compiled.Records.Select(r => WorkflowTestSupport.Key(r.RecordSet)));
        Assert.Equal(expected.Order(), after.Select(WorkflowTestSupport.Key).Order());
        var run = (await _support.StatusAsync(spec.Name))["lastRun"]!;
        Assert.Equal("SUCCEEDED", run["status"]!.GetValue<string>());
        var states = await _support.StatesEnteredAsync(run["executionArn"]!.GetValue<string>());
        Assert.Equal(compiled.HealthChecks.Count, states.Count(s => s == "HealthChecks"));
        Assert.Equal(5, compiled.HealthChecks.Count);
        Assert.DoesNotContain("Rollback", states);

        var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
        Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        Assert.Equal(before.Select(r => r.GetRawText()), (await _support.RecordsAsync()).Select(r => r.GetRawText()));
    }

    [Fact]
    public async Task A_rollback_of_more_units_than_one_invocation_allows_is_entered_again_until_the_zone_is_as_before()
    {
        var (path, spec) = _support.WriteSpec("complex.json", name: "bounded-rb");
        var before = (await _support.RecordsAsync()).Select(r => r.GetRawText()).ToList();
        var checksBefore = (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).Order().ToList();
        // Someone else's record at a key of the first alias level, written just before that layer runs: the run
        // stops there with five checks and the leaf layer to undo, one unit per Rollback invocation.
        var (outcome, target, foreign) = await ZoneWrites.ApplyMeetingForeignRecordAsync(stack, _support, path, spec);

        Assert.True(outcome.Code == 1, outcome.Out + outcome.Error);
        var foreignKey = $"{target.Name} A {target.SetIdentifier}";
        var after = await _support.RecordsAsync();
        Assert.Equal(before, after.Where(r => WorkflowTestSupport.Key(r) != foreignKey).Select(r => r.GetRawText()));
        Assert.Equal(checksBefore, (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).Order());
        var run = (await _support.StatusAsync(spec.Name))["lastRun"]!;
        Assert.Equal("ROLLED_BACK", run["status"]!.GetValue<string>());
        var states = await _support.StatesEnteredAsync(run["executionArn"]!.GetValue<string>());
        // Five checks to delete and one leaf batch to take back: at least six invocations of one unit each.
        Assert.True(states.Count(s => s == "Rollback") >= 6, string.Join(", ", states));
        Assert.Equal("Rollback", states[^1]);

        Assert.Equal(0, (await ZoneWrites.ChangeAsync(stack, foreign.Replace("\"CREATE\"", "\"DELETE\""))).ExitCode);
    }
}
