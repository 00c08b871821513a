using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// Stores a new RUNNING run and points the tree at it (last run, status APPLYING or DELETING). The caller holds
    /// the tree's lock (<see cref="TryAcquireLockAsync"/>) first. Throws <see cref="ProgressConflictException"/> if the
    /// run id is taken, the tree was never stored, or it has no such version.
    /// </summary>
    public async Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(run.RunId);
        var treeItem = await GetItemAsync(ProgressKeys.TreePartition(run.Tree), ProgressKeys.Meta, cancellationToken)
            ?? throw new ProgressConflictException($"tree '{run.Tree}' has no stored version: store one before starting a run");
        var latest = treeItem.Int(Attributes.LatestVersion) ?? 0;
        if (run.Version < 1 || run.Version > latest)
            throw new ProgressConflictException($"tree '{run.Tree}' has versions 1 to {latest}, not {run.Version}");

        var now = Now;
        var partition = ProgressKeys.RunPartition(run.RunId);
        var item = ProgressKeys.Key(partition, ProgressKeys.Run);
        item[Attributes.RunId] = Attributes.S(run.RunId);
        item[Attributes.Tree] = Attributes.S(run.Tree);
        item[Attributes.Version] = Attributes.N(run.Version);
        item[Attributes.Kind] = Attributes.Upper(run.Kind);
        item[Attributes.Status] = Attributes.Upper(RunStatus.Running);
        item[Attributes.CreatedAt] = Attributes.Time(now);
        item[Attributes.UpdatedAt] = Attributes.Time(now);
        item[ProgressTable.ExpiryAttribute] = Attributes.N(RunExpiry(now));
        item[ProgressTable.ListingPartitionKey] = Attributes.S(ProgressKeys.RunsOfTree(run.Tree));
        item[ProgressTable.ListingSortKey] = Attributes.S(Attributes.Format(now) + "#" + run.RunId);
        if (run.ExecutionArn is not null) item[Attributes.ExecutionArn] = Attributes.S(run.ExecutionArn);
        if (run.PlanJson is not null)
            foreach (var (name, value) in await _splitText.WriteAsync(
                         partition, ProgressKeys.PlanPartPrefix, Attributes.Plan, run.PlanJson, RunExpiry(now), cancellationToken))
                item[name] = value;

        if (!await PutIfAbsentAsync(item, cancellationToken))
            throw new ProgressConflictException($"run id '{run.RunId}' is already taken");

        var pointAtRun = new ItemUpdate()
            .Set(Attributes.Status, Attributes.Upper(run.Kind == RunKind.Teardown ? TreeStatus.Deleting : TreeStatus.Applying))
            .Set(Attributes.LastRunId, Attributes.S(run.RunId))
            .Set(Attributes.LastRunStatus, Attributes.Upper(RunStatus.Running))
            .Set(Attributes.UpdatedAt, Attributes.Time(now));
        await _dynamo.UpdateItemAsync(
            pointAtRun.ToRequest(_table, ProgressKeys.Key(ProgressKeys.TreePartition(run.Tree), ProgressKeys.Meta)), cancellationToken);
        return ReadRun(item);
    }

    /// <summary>The run without its plan; null if unknown (or aged out by TTL).</summary>
    public async Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.RunPartition(runId), ProgressKeys.Run, cancellationToken);
        return item is null ? null : ReadRun(item);
    }

    /// <summary>The tree's most recent runs, newest first (eventually consistent: a run started a moment ago may be missing).</summary>
    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(string tree, int limit = 20, CancellationToken cancellationToken = default) =>
        (await ListRunsPageAsync(tree, limit, pageToken: null, cancellationToken).ConfigureAwait(false)).Runs;

    /// <summary>
    /// One page of the tree's runs, newest first (<c>GET /trees/{name}/runs</c>, <c>failover runs</c>). The token is the
    /// last run's listing key, so a page starts strictly after it however many runs were started since.
    /// </summary>
    public async Task<RunPage> ListRunsPageAsync(
        string tree, int pageSize = 20, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = ProgressTable.ListingIndex,
            KeyConditionExpression = "#gpk = :runs",
            ExpressionAttributeNames = new() { ["#gpk"] = ProgressTable.ListingPartitionKey },
            ExpressionAttributeValues = new() { [":runs"] = Attributes.S(ProgressKeys.RunsOfTree(tree)) },
            ScanIndexForward = false,
            // One more than the page: whether there is a next page is known without handing out a token to an empty one.
            Limit = pageSize + 1,
        };
        if (pageToken is not null)
        {
            request.KeyConditionExpression += " AND #gsk < :after";
            request.ExpressionAttributeNames["#gsk"] = ProgressTable.ListingSortKey;
            request.ExpressionAttributeValues[":after"] = Attributes.S(DecodeRunPageToken(pageToken));
        }
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var item in ItemQueries.QueryAsync(_dynamo, request, cancellationToken))
        {
            items.Add(item);
            if (items.Count > pageSize) break;
        }
        var page = items.Take(pageSize).ToList();
        var next = items.Count > pageSize && page[^1].String(ProgressTable.ListingSortKey) is { } last
            ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(last))
            : null;
        return new RunPage([.. page.Select(ReadRun)], next);
    }

    private static string DecodeRunPageToken(string token)
    {
        try
        {
            var key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            return key.Contains('#', StringComparison.Ordinal)
                ? key
                : throw new ArgumentException($"'{token}' is not a page token returned by {nameof(ListRunsPageAsync)}", nameof(token));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"'{token}' is not a page token returned by {nameof(ListRunsPageAsync)}", nameof(token));
        }
    }

    /// <summary>Records the Step Functions execution that carries the run.</summary>
    public async Task SetRunExecutionAsync(string runId, string executionArn, CancellationToken cancellationToken = default)
    {
        var update = new ItemUpdate()
            .Set(Attributes.ExecutionArn, Attributes.S(executionArn))
            .Set(Attributes.UpdatedAt, Attributes.Time(Now))
            .When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        var updated = await TryUpdateAsync(update, ProgressKeys.Key(ProgressKeys.RunPartition(runId), ProgressKeys.Run), cancellationToken);
        if (!updated) throw new ProgressConflictException($"run '{runId}' does not exist");
    }

    /// <summary>
    /// A step's end (<see cref="RunStepEnd"/>, written by <see cref="Failover.Service.Workflow.RunRequestRate"/>): the kept
    /// rate and buckets set or removed and the usage added, in one UpdateItem.
    /// </summary>
    public async Task SaveRunStepEndAsync(string runId, RunStepEnd end, CancellationToken cancellationToken = default)
    {
        if (end.IsEmpty) return;
        var update = new ItemUpdate();
        if (end.RequestsPerSecond is { } rate) update.Set(Attributes.Route53RequestsPerSecond, Attributes.Decimal(rate));
        if (end.Buckets is { Count: 0 }) update.Remove(Attributes.Route53Buckets);
        else if (end.Buckets is { } buckets) update.Set(Attributes.Route53Buckets, RunOperationBuckets.Write(buckets));
        if (end.Requests != 0 || end.Throttles != 0)
            update.Add(Attributes.Route53Requests, end.Requests).Add(Attributes.Route53Throttles, end.Throttles);
        update.When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        var updated = await TryUpdateAsync(update, ProgressKeys.Key(ProgressKeys.RunPartition(runId), ProgressKeys.Run), cancellationToken);
        if (!updated) throw new ProgressConflictException($"run '{runId}' does not exist");
    }

    /// <summary>Marks the run's end announced (its metrics and events out).</summary>
    public async Task MarkRunAnnouncedAsync(string runId, CancellationToken cancellationToken = default)
    {
        var update = new ItemUpdate()
            .Set(Attributes.Announced, new AttributeValue { BOOL = true })
            .When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        var updated = await TryUpdateAsync(update, ProgressKeys.Key(ProgressKeys.RunPartition(runId), ProgressKeys.Run), cancellationToken);
        if (!updated) throw new ProgressConflictException($"run '{runId}' does not exist");
    }

    /// <summary>
    /// Stores (or replaces) the run's plan as JSON text. Plans over 350 KiB go to part items beside the run
    /// (docs/progress-table.md); a replaced plan's parts are deleted afterwards.
    /// </summary>
    public async Task PutPlanAsync(string runId, string planJson, CancellationToken cancellationToken = default)
    {
        var partition = ProgressKeys.RunPartition(runId);
        var before = await GetItemAsync(partition, ProgressKeys.Run, cancellationToken)
            ?? throw new ProgressConflictException($"run '{runId}' does not exist");
        var expiry = before.Long(ProgressTable.ExpiryAttribute) ?? RunExpiry(Now);
        var plan =
            await _splitText.WriteAsync(partition, ProgressKeys.PlanPartPrefix, Attributes.Plan, planJson, expiry, cancellationToken);

        var update = new ItemUpdate().Set(Attributes.UpdatedAt, Attributes.Time(Now));
        foreach (var (name, value) in plan) update.Set(name, value);
        // The plan is either inline or in parts: clear the other form a previous plan may have left.
        foreach (var stale in PlanAttributeNames.Where(name => !plan.ContainsKey(name))) update.Remove(stale);
        update.When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        var updated = await TryUpdateAsync(update, ProgressKeys.Key(partition, ProgressKeys.Run), cancellationToken);
        if (!updated) throw new ProgressConflictException($"run '{runId}' does not exist");
        await _splitText.DeletePartsAsync(before, ProgressKeys.PlanPartPrefix, Attributes.Plan, cancellationToken);
    }

    /// <summary>The run's plan JSON; null if the run is unknown or has no plan yet.</summary>
    public async Task<string?> GetPlanAsync(string runId, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.RunPartition(runId), ProgressKeys.Run, cancellationToken);
        return item is null ? null : await _splitText.ReadAsync(item, ProgressKeys.PlanPartPrefix, Attributes.Plan, cancellationToken);
    }

    private static readonly string[] PlanAttributeNames = [Attributes.Plan, Attributes.Plan + "PartsId", Attributes.Plan + "Parts"];

    private static RunRecord ReadRun(Dictionary<string, AttributeValue> item) => new(
        item.RequiredString(Attributes.RunId),
        item.RequiredString(Attributes.Tree),
        item.Int(Attributes.Version) ?? throw new ProgressStoreException($"run {item.String(Attributes.RunId)} has no version"),
        item.RequiredEnum<RunKind>(Attributes.Kind),
        item.RequiredEnum<RunStatus>(Attributes.Status),
        item.String(Attributes.ExecutionArn),
        item.String(Attributes.Error),
        item.ContainsKey(Attributes.Plan) || item.ContainsKey(Attributes.Plan + "PartsId"),
        item.RequiredTimestamp(Attributes.CreatedAt),
        item.RequiredTimestamp(Attributes.UpdatedAt),
        item.Timestamp(Attributes.FinishedAt))
    {
        Route53RequestsPerSecond = item.TryGetValue(Attributes.Route53RequestsPerSecond, out var rate) && rate.N is { } number
            ? double.Parse(number, CultureInfo.InvariantCulture) : null,
        Route53OperationBuckets = RunOperationBuckets.Read(item),
        Route53Requests = item.Long(Attributes.Route53Requests) ?? 0,
        Route53Throttles = item.Long(Attributes.Route53Throttles) ?? 0,
        Announced = item.TryGetValue(Attributes.Announced, out var announced) && announced.BOOL == true,
    };
}
