using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// Ends a run: RUNNING → SUCCEEDED, FAILED or ROLLED_BACK, once (conditional on RUNNING, so a late or duplicate
    /// caller cannot overwrite another outcome). A repeated call with the same status is answered
    /// <see cref="RunStatusOutcome.AlreadyInStatus"/> and brings the tree item up to date again, so a retry after a
    /// crash between the two writes converges. The tree item follows the run if it is still the tree's last run:
    /// success makes the run's version current (ACTIVE) or, for a teardown, the tree DELETED and unlisted; failure
    /// leaves the tree ACTIVE on its current version, or FAILED if it never had one.
    /// </summary>
    public async Task<RunStatusChange> SetRunStatusAsync(string runId, RunStatus status, string? error = null,
        CancellationToken cancellationToken = default)
    {
        if (status == RunStatus.Running)
            throw new ArgumentException("a run can only be moved out of RUNNING, not into it", nameof(status));
        var key = ProgressKeys.Key(ProgressKeys.RunPartition(runId), ProgressKeys.Run);
        var now = Now;
        var update = new ItemUpdate()
            .Set(Attributes.Status, Attributes.Upper(status))
            .Set(Attributes.UpdatedAt, Attributes.Time(now))
            .Set(Attributes.FinishedAt, Attributes.Time(now))
            .When(u => $"{u.Name(Attributes.Status)} = {u.Value("running", Attributes.Upper(RunStatus.Running))}");
        if (error is not null) update.Set(Attributes.Error, Attributes.S(error));

        RunRecord? run;
        RunStatusOutcome outcome;
        try
        {
            var response = await _dynamo.UpdateItemAsync(update.ToRequest(_table, key, ReturnValue.ALL_NEW), cancellationToken);
            run = ReadRun(response.Attributes);
            outcome = RunStatusOutcome.Changed;
        }
        catch (ConditionalCheckFailedException)
        {
            run = await GetRunAsync(runId, cancellationToken);
            outcome = run is null ? RunStatusOutcome.NotFound
                : run.Status == status ? RunStatusOutcome.AlreadyInStatus
                : RunStatusOutcome.Refused;
        }

        if (run is not null && outcome is RunStatusOutcome.Changed or RunStatusOutcome.AlreadyInStatus)
            await UpdateTreeAfterRunAsync(run, now, cancellationToken);
        return new RunStatusChange(outcome, run);
    }

    private async Task UpdateTreeAfterRunAsync(RunRecord run, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(run.Tree), ProgressKeys.Meta);
        var tree = await GetItemAsync(key[ProgressTable.PartitionKey].S, ProgressKeys.Meta, cancellationToken);
        // A newer run owns the tree item now (or the tree is gone): this run's outcome no longer describes it.
        if (tree is null || tree.String(Attributes.LastRunId) != run.RunId) return;

        var update = new ItemUpdate()
            .Set(Attributes.LastRunStatus, Attributes.Upper(run.Status))
            .Set(Attributes.UpdatedAt, Attributes.Time(now))
            .When(u => $"{u.Name(Attributes.LastRunId)} = {u.Value("run", Attributes.S(run.RunId))}");

        if (run.Status == RunStatus.Succeeded && run.Kind == RunKind.Teardown)
        {
            update.Set(Attributes.Status, Attributes.Upper(TreeStatus.Deleted))
                .Remove(Attributes.CurrentVersion)
                .Remove(ProgressTable.ListingPartitionKey)
                .Remove(ProgressTable.ListingSortKey);
        }
        else if (run.Status == RunStatus.Succeeded)
        {
            var version = await GetItemAsync(key[ProgressTable.PartitionKey].S, ProgressKeys.Version(run.Version), cancellationToken)
                ?? throw new ProgressStoreException($"run '{run.RunId}' applied version {run.Version} of tree '{run.Tree}', which is not " +
                    $"stored");
            // The tree item describes the applied version: its zone, name, type and drift policy are what is in Route 53.
            foreach (var attribute in DescriptorAttributeNames) update.Set(attribute, version[attribute]);
            update.Set(Attributes.Status, Attributes.Upper(TreeStatus.Active))
                .Set(Attributes.CurrentVersion, Attributes.N(run.Version));
        }
        else
        {
            var hasCurrent = tree.Int(Attributes.CurrentVersion) is not null;
            update.Set(Attributes.Status, Attributes.Upper(hasCurrent ? TreeStatus.Active : TreeStatus.Failed));
        }
        await TryUpdateAsync(update, key, cancellationToken);
    }
}
