using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Buffers.Text;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <inheritdoc cref="ITreeRecords.ForgetTreeAsync"/>
    public async Task<bool> ForgetTreeAsync(string tree, CancellationToken cancellationToken = default)
    {
        var key = ProgressKeys.Key(ProgressKeys.TreePartition(tree), ProgressKeys.Meta);
        var update = new ItemUpdate()
            .Set(Attributes.Status, Attributes.Upper(TreeStatus.Deleted))
            .Set(Attributes.UpdatedAt, Attributes.Time(_time.GetUtcNow()))
            .Remove(Attributes.CurrentVersion)
            .Remove(ProgressTable.ListingPartitionKey)
            .Remove(ProgressTable.ListingSortKey)
            .When(u => $"attribute_exists({u.Name(ProgressTable.PartitionKey)})");
        return await TryUpdateAsync(update, key, cancellationToken);
    }

    /// <summary>The tree item; null if the tree was never stored.</summary>
    public async Task<TreeRecord?> GetTreeAsync(string tree, CancellationToken cancellationToken = default)
    {
        var item = await GetItemAsync(ProgressKeys.TreePartition(tree), ProgressKeys.Meta, cancellationToken);
        return item is null ? null : ReadTree(item);
    }

    /// <summary>
    /// Every tree that is not torn down, by name, one page at a time (the drift scheduler and <c>GET /trees</c>).
    /// Trees never applied are listed too (<see cref="TreeRecord.CurrentVersion"/> is null): a scheduler skips them.
    /// Served by the sparse listing index, which DynamoDB keeps eventually consistent with the tree items.
    /// </summary>
    public async Task<TreePage> ListTreesAsync(int pageSize = 100, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var request = new QueryRequest
        {
            TableName = _table,
            IndexName = ProgressTable.ListingIndex,
            KeyConditionExpression = "#gpk = :listing",
            ExpressionAttributeNames = new() { ["#gpk"] = ProgressTable.ListingPartitionKey },
            ExpressionAttributeValues = new() { [":listing"] = Attributes.S(ProgressKeys.TreeListing) },
            Limit = pageSize,
        };
        if (pageToken is not null)
        {
            var after = DecodePageToken(pageToken);
            var start = ProgressKeys.Key(ProgressKeys.TreePartition(after), ProgressKeys.Meta);
            start[ProgressTable.ListingPartitionKey] = Attributes.S(ProgressKeys.TreeListing);
            start[ProgressTable.ListingSortKey] = Attributes.S(after);
            request.ExclusiveStartKey = start;
        }

        var response = await _dynamo.QueryAsync(request, cancellationToken);
        var trees = (response.Items ?? []).Select(ReadTree).ToList();
        var next = response.LastEvaluatedKey is { Count: > 0 } last && last.String(ProgressTable.ListingSortKey) is { } lastName
            ? EncodePageToken(lastName)
            : null;
        return new TreePage(trees, next);
    }

    /// <summary>Every tree that is not torn down, following all pages.</summary>
    public async IAsyncEnumerable<TreeRecord> ListAllTreesAsync(
        int pageSize = 100, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await ListTreesAsync(pageSize, token, cancellationToken);
            foreach (var tree in page.Trees) yield return tree;
            token = page.NextPageToken;
        } while (token is not null);
    }

    // The token is the last tree's name, encoded so callers treat it as opaque (the key scheme may change).
    private static string EncodePageToken(string lastTree) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastTree));

    private static string DecodePageToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new ArgumentException($"'{token}' is not a page token returned by {nameof(ListTreesAsync)}", nameof(token));
        }
    }

    private static TreeRecord ReadTree(Dictionary<string, AttributeValue> item) => new(
        ReadDescriptor(item),
        item.RequiredEnum<TreeStatus>(Attributes.Status),
        item.Int(Attributes.CurrentVersion),
        item.Int(Attributes.LatestVersion) ?? 0,
        item.String(Attributes.LastRunId),
        item.EnumOrNull<RunStatus>(Attributes.LastRunStatus),
        item.RequiredTimestamp(Attributes.CreatedAt),
        item.RequiredTimestamp(Attributes.UpdatedAt));
}
