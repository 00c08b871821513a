using Failover.Service.Ports.Route53;
using Amazon.DynamoDBv2;
using Failover.Core.Route53;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;

namespace Failover.Store;

/// <summary>
/// The service's progress store on one DynamoDB table (<see cref="ProgressTable"/>). Every DynamoDB error answer comes
/// out as the service's <see cref="Failover.Service.Ports.AwsServiceException"/> (throttling and server errors marked
/// retryable), so the service and the API classify failures without knowing the SDK.
/// </summary>
public sealed class ProgressStore(IAmazonDynamoDB dynamo, string tableName, TimeProvider timeProvider, ProgressStoreOptions? options = null)
    : IProgressStore
{
    private DynamoDbProgress Inner { get; } = new(dynamo, tableName, timeProvider, options);

    public string TableName => Inner.TableName;

    public Task<DriftReportRecord> PutDriftReportAsync(string tree, string reportJson, int driftedItems,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.PutDriftReportAsync(tree, reportJson, driftedItems, cancellationToken));

    public Task<DriftReportRecord?> GetDriftReportAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetDriftReportAsync(tree, cancellationToken));

    public Task PutTreeEventAsync(TreeEventRecord record, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.PutTreeEventAsync(record, cancellationToken));

    public Task<IReadOnlyList<TreeEventRecord>> ListTreeEventsAsync(string tree, int limit,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListTreeEventsAsync(tree, limit, cancellationToken));

    public Task PutNodesAsync(string runId, IReadOnlyCollection<PlannedNode> nodes, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.PutNodesAsync(runId, nodes, cancellationToken));

    public Task<NodeProgress> UpdateNodeAsync(string runId, string nodeId, NodeUpdate update,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.UpdateNodeAsync(runId, nodeId, update, cancellationToken));

    public Task SetNodeStatusAsync(string runId, IReadOnlyCollection<string> nodeIds, NodeStatus status, string? changeId = null,
        string? error = null, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.SetNodeStatusAsync(runId, nodeIds, status, changeId, error, cancellationToken));

    public Task<IReadOnlyList<NodeProgress>> ListNodesAsync(string runId, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListNodesAsync(runId, cancellationToken));

    public Task<IReadOnlySet<RecordKey>> GetOwnedRecordsAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetOwnedRecordsAsync(tree, cancellationToken));

    public Task AddOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.AddOwnedRecordsAsync(tree, records, cancellationToken));

    public Task<IReadOnlyDictionary<RecordKey, string>> GetPendingOwnedRecordsAsync(string tree,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetPendingOwnedRecordsAsync(tree, cancellationToken));

    public Task AddPendingOwnedRecordsAsync(string tree, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.AddPendingOwnedRecordsAsync(tree, records, cancellationToken));

    public Task AddPendingOwnedRecordsAsync(string tree, string? hostedZoneId, IReadOnlyDictionary<RecordKey, string> records,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.AddPendingOwnedRecordsAsync(tree, hostedZoneId, records, cancellationToken));

    public Task AddOwnedRecordsAsync(string tree, string? hostedZoneId, IEnumerable<RecordKey> records,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.AddOwnedRecordsAsync(tree, hostedZoneId, records, cancellationToken));

    public Task RemoveOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.RemoveOwnedRecordsAsync(tree, records, cancellationToken));

    public Task SetOwnedRecordsAsync(string tree, IEnumerable<RecordKey> records, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.SetOwnedRecordsAsync(tree, records, cancellationToken));

    public Task<int> MigrateOwnedRecordsAsync(string tree, string treeZone, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.MigrateOwnedRecordsAsync(tree, treeZone, cancellationToken));

    public Task<bool> ClaimRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ClaimRecordNameAsync(hostedZoneId, recordName, recordType, tree, cancellationToken));

    public Task<bool> ReleaseRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ReleaseRecordNameAsync(hostedZoneId, recordName, recordType, tree, cancellationToken));

    public Task<string?> GetRecordNameOwnerAsync(string hostedZoneId, string recordName, string recordType,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetRecordNameOwnerAsync(hostedZoneId, recordName, recordType, cancellationToken));

    public Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.CreateRunAsync(run, cancellationToken));

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetRunAsync(runId, cancellationToken));

    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string tree, int limit = 20, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListRunsAsync(tree, limit, cancellationToken));

    public Task<RunPage> ListRunsPageAsync(
        string tree, int pageSize = 20, string? pageToken = null, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListRunsPageAsync(tree, pageSize, pageToken, cancellationToken));

    public Task SetRunExecutionAsync(string runId, string executionArn, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.SetRunExecutionAsync(runId, executionArn, cancellationToken));

    public Task PutPlanAsync(string runId, string planJson, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.PutPlanAsync(runId, planJson, cancellationToken));

    public Task<string?> GetPlanAsync(string runId, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetPlanAsync(runId, cancellationToken));

    public Task SaveRunStepEndAsync(string runId, RunStepEnd end, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.SaveRunStepEndAsync(runId, end, cancellationToken));

    public Task MarkRunAnnouncedAsync(string runId, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.MarkRunAnnouncedAsync(runId, cancellationToken));

    public Task<RunStatusChange> SetRunStatusAsync(string runId, RunStatus status, string? error = null,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.SetRunStatusAsync(runId, status, error, cancellationToken));

    public Task<bool> TryAcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.TryAcquireLockAsync(tree, runId, ttl, cancellationToken));

    public Task<LockAcquisition> AcquireLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.AcquireLockAsync(tree, runId, ttl, cancellationToken));

    public Task<bool> RenewLockAsync(string tree, string runId, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.RenewLockAsync(tree, runId, ttl, cancellationToken));

    public Task<bool> ReleaseLockAsync(string tree, string runId, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ReleaseLockAsync(tree, runId, cancellationToken));

    public Task<TreeLock?> GetHeldLockAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetHeldLockAsync(tree, cancellationToken));

    public Task<TreeLock?> GetLockAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetLockAsync(tree, cancellationToken));

    public Task<bool> ForgetTreeAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ForgetTreeAsync(tree, cancellationToken));

    public Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetTreeAsync(tree, cancellationToken));

    public Task<TreePage> ListTreesAsync(int pageSize = 100, string? pageToken = null, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListTreesAsync(pageSize, pageToken, cancellationToken));

    public async IAsyncEnumerable<TreeRecord> ListAllTreesAsync(int pageSize = 100,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var items = Inner.ListAllTreesAsync(pageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (items.ConfigureAwait(false))
        {
            while (await SdkErrors.TranslateAsync(() => items.MoveNextAsync().AsTask()).ConfigureAwait(false)) yield return items.Current;
        }
    }

    public Task<int> PutVersionAsync(TreeDescriptor tree, string specJson, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.PutVersionAsync(tree, specJson, cancellationToken));

    public Task<StoredVersion?> GetVersionAsync(string tree, int version, CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.GetVersionAsync(tree, version, cancellationToken));

    public Task<IReadOnlyList<VersionInfo>> ListVersionsAsync(string tree, int? limit = null,
        CancellationToken cancellationToken = default) =>
        SdkErrors.TranslateAsync(() => Inner.ListVersionsAsync(tree, limit, cancellationToken));
}
