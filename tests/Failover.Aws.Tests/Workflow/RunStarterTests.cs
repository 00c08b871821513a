using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;

namespace Failover.Aws.Tests.Workflow;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RunStarterTests(MotoFixture moto)
{
    private StepFunctionsClient States() => new(new StepFunctionsClientOptions { Region = "us-east-1", Endpoint = moto.Url });

    [Fact]
    public async Task Apply_stores_the_version_claims_the_name_locks_the_tree_and_starts_an_execution_named_after_the_run()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();

        var started = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true, correlationId: "deploy-42");

        Assert.Equal((tree, 1, RunKind.Apply), (started.Tree, started.Version, started.Kind));
        Assert.EndsWith(":" + started.RunId, started.ExecutionArn);
        var run = await harness.Store.GetRunAsync(started.RunId);
        Assert.Equal((RunStatus.Running, started.ExecutionArn), (run!.Status, run.ExecutionArn));
        Assert.Equal(started.RunId, (await harness.Store.GetLockAsync(tree))!.Owner);
        Assert.Equal(tree, await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, $"{tree}.{harness.ZoneName}", "A"));
        var execution = await States().DescribeExecutionAsync(started.ExecutionArn);
        using var input = JsonDocument.Parse(execution.Input!);
        Assert.Equal(started.RunId, input.RootElement.GetProperty("runId").GetString());
        Assert.Equal("APPLY", input.RootElement.GetProperty("kind").GetString());
        Assert.True(input.RootElement.GetProperty("force").GetBoolean());
        // Every Task state passes it to its function, whose log lines carry it as correlation_id.
        Assert.Equal("deploy-42", input.RootElement.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task A_second_run_while_one_holds_the_lock_is_refused_as_a_conflict_and_takes_nothing()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree));

        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.TeardownAsync(tree));

        Assert.Equal(RunRefusal.TreeLocked, refused.Reason);
        Assert.True(refused.IsConflict);
        Assert.Contains(first.RunId, refused.Message);
        Assert.Equal(first.RunId, (await harness.Store.GetLockAsync(tree))!.Owner);
        Assert.Single(await harness.Store.ListRunsAsync(tree));
    }

    [Fact]
    public async Task A_start_waits_for_a_run_marked_finished_while_it_gives_back_the_lock()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree));
        // As Finalize leaves it between its status write and its lock release: what `failover apply` reports as done.
        await harness.Store.SetRunStatusAsync(first.RunId, RunStatus.Succeeded);
        var released = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600));
            Assert.True(await harness.Store.ReleaseLockAsync(tree, first.RunId));
        });

        var teardown = await harness.Starter.TeardownAsync(tree);
        await released;

        Assert.Equal(teardown.RunId, (await harness.Store.GetLockAsync(tree))!.Owner);
        Assert.Equal(2, (await harness.Store.ListRunsAsync(tree)).Count);
    }

    [Fact]
    public async Task A_run_marked_finished_that_keeps_the_lock_is_waited_for_no_longer_than_the_patience()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree));
        await harness.Store.SetRunStatusAsync(first.RunId, RunStatus.Succeeded);
        var starter = new RunStarter(harness.Store, States(), "arn:aws:states:us-east-1:123456789012:stateMachine:unused",
            TimeProvider.System) { FinishingRunPatience = TimeSpan.FromSeconds(1) };

        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => starter.TeardownAsync(tree));

        Assert.Equal(RunRefusal.TreeLocked, refused.Reason);
        Assert.Contains(first.RunId, refused.Message);
        Assert.Single(await harness.Store.ListRunsAsync(tree));
    }

    [Fact]
    public async Task An_apply_refused_while_a_run_holds_the_tree_stores_no_version()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.Starter.ApplyAsync(harness.Spec(tree));

        var refused =
            await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.ApplyAsync(harness.Spec(tree, secondary: "192.0.2.98")));

        Assert.Equal(RunRefusal.TreeLocked, refused.Reason);
        Assert.Equal([1], (await harness.Store.ListVersionsAsync(tree)).Select(v => v.Version));
        Assert.Equal(1, (await harness.Store.GetTreeAsync(tree))!.LatestVersion);
    }

    [Fact]
    public async Task Applies_of_one_spec_racing_each_other_start_one_run_and_store_one_version()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Started: (StartedRun?)await harness.Starter.ApplyAsync(harness.Spec(tree)), Refusal: (RunRefusal?)null);
            }
            catch (RunRefusedException refused)
            {
                return (Started: (StartedRun?)null, Refusal: refused.Reason);
            }
        })));

        Assert.Single(attempts, a => a.Started is not null);
        Assert.All(attempts.Where(a => a.Started is null), a => Assert.Equal(RunRefusal.TreeLocked, a.Refusal));
        Assert.Equal([1], (await harness.Store.ListVersionsAsync(tree)).Select(v => v.Version));
        Assert.Single(await harness.Store.ListRunsAsync(tree));
    }

    [Fact]
    public async Task Trees_racing_for_one_name_leave_one_tree_stored()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var trees = Enumerable.Range(0, 6).Select(_ => WorkflowHarness.NewTreeName()).ToList();
        var recordName = $"{trees[0]}.{harness.ZoneName}";

        var started = await Task.WhenAll(trees.Select(tree => Task.Run(async () =>
        {
            try
            {
                return await harness.Starter.ApplyAsync(harness.Spec(tree) with { RecordName = recordName });
            }
            catch (RunRefusedException refused) when (refused.Reason == RunRefusal.NameClaimed)
            {
                return null;
            }
        })));

        var winner = Assert.Single(started.OfType<StartedRun>());
        foreach (var tree in trees.Where(t => t != winner.Tree)) Assert.Null(await harness.Store.GetTreeAsync(tree));
        Assert.Equal(winner.Tree, await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, recordName, "A"));
    }

    [Fact]
    public async Task A_name_another_tree_holds_is_refused_before_the_lock_is_taken()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var owner = WorkflowHarness.NewTreeName();
        var other = WorkflowHarness.NewTreeName();
        await harness.Starter.ApplyAsync(harness.Spec(owner));
        var sameName = harness.Spec(other) with { RecordName = $"{owner}.{harness.ZoneName}" };

        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.ApplyAsync(sameName));

        Assert.Equal(RunRefusal.NameClaimed, refused.Reason);
        Assert.Contains($"belongs to tree '{owner}'", refused.Message);
        Assert.Null(await harness.Store.GetLockAsync(other));
        Assert.Null(await harness.Store.GetTreeAsync(other));
    }

    [Fact]
    public async Task Applying_the_same_spec_again_reuses_its_version_and_a_changed_one_adds_the_next()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);

        var same = await harness.Starter.ApplyAsync(harness.Spec(tree));
        await harness.DriveAsync(same.RunId);
        var changed = await harness.Starter.ApplyAsync(harness.Spec(tree, secondary: "192.0.2.98"));

        Assert.Equal((1, 2), (same.Version, changed.Version));
    }

    [Fact]
    public async Task Two_edits_of_one_version_apply_once_and_the_second_is_refused_as_stale_after_the_lock_is_taken()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyOnAsync(harness.Spec(tree), 0, false, null, default)).RunId);
        // Both editors opened version 1 and passed the API's early check; the first one's run finishes.
        var first = await harness.Starter.ApplyOnAsync(harness.Spec(tree, secondary: "192.0.2.97"), 1, false, null, default);
        await harness.DriveAsync(first.RunId);

        var stale = await Assert.ThrowsAsync<RunRefusedException>(() =>
            harness.Starter.ApplyOnAsync(harness.Spec(tree, secondary: "192.0.2.98"), 1, false, null, default));
        var recreate = await Assert.ThrowsAsync<RunRefusedException>(() =>
            harness.Starter.ApplyOnAsync(harness.Spec(tree, secondary: "192.0.2.96"), 0, false, null, default));

        Assert.Equal(2, first.Version);
        Assert.Equal((RunRefusal.StaleVersion, true), (stale.Reason, stale.IsConflict));
        Assert.Contains("based on version 1", stale.Message);
        Assert.Contains("version 2 is the latest", stale.Message);
        Assert.Equal(RunRefusal.StaleVersion, recreate.Reason);
        // Refused under the lock: no version stored, no run recorded, the lock released.
        Assert.Equal(2, (await harness.Store.GetTreeAsync(tree))!.LatestVersion);
        Assert.Equal(2, (await harness.Store.ListRunsAsync(tree)).Count);
        Assert.Null(await harness.Store.GetLockAsync(tree));
    }

    [Fact]
    public async Task Unknown_trees_and_versions_are_refused_as_not_found()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        await harness.DriveAsync((await harness.Starter.ApplyAsync(harness.Spec(tree))).RunId);

        var noTree = await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.TeardownAsync("nosuch" + tree));
        var noVersion = await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.RollbackAsync(tree, 7));

        Assert.Equal((RunRefusal.UnknownTree, false), (noTree.Reason, noTree.IsConflict));
        Assert.Equal(RunRefusal.UnknownVersion, noVersion.Reason);
        Assert.Contains("versions 1 to 1, not 7", noVersion.Message);
        Assert.Null(await harness.Store.GetLockAsync(tree));
    }

    [Fact]
    public async Task A_run_taking_over_an_expired_lock_marks_the_abandoned_run_failed_and_becomes_the_trees_last_run()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var abandoned = await harness.Starter.ApplyAsync(harness.Spec(tree));

        // Its execution was stopped: nothing renews the lock, which expires.
        harness.Time.Advance(new WorkflowOptions().LockTtl);
        var next = await harness.Starter.ApplyAsync(harness.Spec(tree));

        var old = await harness.Store.GetRunAsync(abandoned.RunId);
        Assert.Equal(RunStatus.Failed, old!.Status);
        Assert.Contains($"run {next.RunId} took tree '{tree}' over", old.Error);
        Assert.Equal(next.RunId, (await harness.Store.GetLockAsync(tree))!.Owner);
        var record = await harness.Store.GetTreeAsync(tree);
        Assert.Equal((next.RunId, RunStatus.Running, TreeStatus.Applying), (record!.LastRunId, record.LastRunStatus, record.Status));
    }

    [Fact]
    public async Task A_drift_repair_is_refused_when_an_apply_finished_after_its_check_and_starts_when_nothing_changed()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var first = await harness.Starter.ApplyAsync(harness.Spec(tree), force: true);
        await harness.DriveAsync(first.RunId, force: true);
        // The drift check saw version 1 after the first run; then an apply of version 2 finished before it could repair.
        var second = await harness.Starter.ApplyAsync(harness.Spec(tree, secondary: "192.0.2.98"), force: true);
        await harness.DriveAsync(second.RunId, force: true);

        var refused = await Assert.ThrowsAsync<RunRefusedException>(() => harness.Starter.RepairAsync(tree, 1, first.RunId));

        Assert.Equal(RunRefusal.TreeChanged, refused.Reason);
        Assert.Contains("changed since its drift check", refused.Message);
        Assert.Null(await harness.Store.GetLockAsync(tree));
        Assert.Equal(2, (await harness.Store.ListRunsAsync(tree)).Count);
        var now = await harness.Store.GetTreeAsync(tree);
        Assert.Equal((2, second.RunId), (now!.CurrentVersion, now.LastRunId));

        var repair = await harness.Starter.RepairAsync(tree, 2, second.RunId);
        Assert.Equal((RunKind.Repair, 2), (repair.Kind, repair.Version));
    }

    [Fact]
    public async Task A_run_whose_execution_cannot_start_is_marked_failed_and_leaves_the_tree_unlocked()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var starter =
            new RunStarter(harness.Store, States(), "arn:aws:states:us-east-1:123456789012:stateMachine:missing", TimeProvider.System);

        await Assert.ThrowsAsync<StateMachineDoesNotExistException>(() => starter.ApplyAsync(harness.Spec(tree)));

        Assert.Null(await harness.Store.GetLockAsync(tree));
        var run = Assert.Single(await harness.Store.ListRunsAsync(tree));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("could not be started", run.Error);
        // Nothing was ever applied, so the name is free for any tree.
        Assert.Null(await harness.Store.GetRecordNameOwnerAsync(harness.Zone.Id, $"{tree}.{harness.ZoneName}", "A"));
    }

    [Fact]
    public async Task The_API_launcher_starts_runs_and_turns_refusals_into_its_own()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var launcher = new RunStarterLauncher(harness.Starter);

        var launched = await launcher.ApplyAsync(harness.Spec(tree), baseVersion: 0, force: false, "corr-1", CancellationToken.None);
        var locked =
            await Assert.ThrowsAsync<Failover.Service.Ports.LaunchRefusedException>(() =>
            launcher.TeardownAsync(tree, "corr-2", CancellationToken.None));
        var unknown =
            await Assert.ThrowsAsync<Failover.Service.Ports.LaunchRefusedException>(() =>
            launcher.RollbackAsync("nosuch" + tree, 1, "corr-3", CancellationToken.None));

        Assert.Equal((tree, 1, RunKind.Apply), (launched.Tree, launched.Version, launched.Kind));
        Assert.Equal(Failover.Service.Ports.LaunchRefusal.TreeLocked, locked.Reason);
        Assert.Equal(Failover.Service.Ports.LaunchRefusal.UnknownTree, unknown.Reason);
    }

    [Fact]
    public async Task A_drift_repair_starts_a_REPAIR_run_of_the_current_version_and_a_busy_tree_refuses_it()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var spec = harness.Spec(tree);
        var applied = (await harness.Starter.ApplyAsync(spec)).RunId;
        await harness.DriveAsync(applied);
        var repair = new RunStarterDriftRepair(harness.Starter);

        var runId = await repair.StartAsync(spec, 1, applied, CancellationToken.None);
        var busy = await Assert.ThrowsAsync<Failover.Service.Drift.DriftRepairRefusedException>(
            () => repair.StartAsync(spec, 1, applied, CancellationToken.None));
        var outcome = await harness.DriveAsync(runId);

        var run = await harness.Store.GetRunAsync(runId);
        Assert.Equal((RunKind.Repair, 1), (run!.Kind, run.Version));
        Assert.Contains(runId, busy.Message);
        Assert.Equal("SUCCEEDED", outcome.Status);
    }

    [Fact]
    public async Task An_apply_stores_its_version_compact_and_the_workflow_reads_it_back()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        var spec = harness.Spec(tree);

        var started = await harness.Starter.ApplyAsync(spec);

        var stored = (await harness.Store.GetVersionAsync(tree, started.Version))!.SpecJson;
        Assert.Equal(Failover.Core.Spec.SpecJsonWriter.WriteCompact(spec), stored);
        var loaded = await StoredSpecs.LoadAsync(harness.Store, tree, started.Version, CancellationToken.None);
        Assert.Equal(Failover.Core.Spec.SpecJsonWriter.Write(spec), Failover.Core.Spec.SpecJsonWriter.Write(loaded));
    }

    [Fact]
    public async Task A_version_stored_indented_before_is_read_back_and_an_apply_of_the_same_spec_reuses_it()
    {
        var harness = await WorkflowHarness.NewAsync(moto);
        var tree = WorkflowHarness.NewTreeName();
        // A 2,000-leaf tree, stored as versions were stored before they were stored compact: indented, with defaults
        // written out, over three times the 256 KB a user may send.
        var big = new Failover.Testing.TreeGenerator(1).Generate(2_000, new Failover.Testing.TreeGeneratorOptions
        {
            Name = tree, HostedZoneId = harness.Zone.Id, ZoneName = harness.ZoneName,
        });
        var indented = Failover.Core.Spec.SpecJsonWriter.Write(big);
        Assert.True(indented.Length > Failover.Core.Validation.ValidationLimits.Default.MaxSpecBytes);
        var version = await harness.Store.PutVersionAsync(TreeDescriptor.From(big), indented);

        var loaded = await StoredSpecs.LoadAsync(harness.Store, tree, version, CancellationToken.None);
        var started = await harness.Starter.ApplyAsync(big);

        Assert.Equal(Failover.Core.Spec.SpecJsonWriter.WriteCompact(big), Failover.Core.Spec.SpecJsonWriter.WriteCompact(loaded));
        Assert.Equal(version, started.Version);
        Assert.Equal([version], (await harness.Store.ListVersionsAsync(tree)).Select(v => v.Version));
    }
}
