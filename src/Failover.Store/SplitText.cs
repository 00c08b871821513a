using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>
/// Stores a long text (a spec, a plan, a drift report) on its owner item when it fits, otherwise in part items next to
/// it. DynamoDB items are at most 400 KB including names and keys; 350 KiB of text leaves room for the rest. Part
/// items carry a fresh id in their sort key, so two writers racing for the same owner never mix their parts, and
/// the owner item names the id and count it was written with.
/// </summary>
internal sealed class SplitText(IAmazonDynamoDB dynamo, string tableName, BatchWriter batchWriter)
{
    public const int MaxBytesPerItem = 350 * 1024;

    /// <summary>
    /// Writes the parts if the text needs them; returns the attributes the owner item gets: <c>{attribute}</c> with
    /// the text, or <c>{attribute}PartsId</c> and <c>{attribute}Parts</c>.
    /// </summary>
    public async Task<Dictionary<string, AttributeValue>> WriteAsync(
        string partition, string partPrefix, string attribute, string text, long? expireAt, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= MaxBytesPerItem)
            return new() { [attribute] = Attributes.S(text) };

        var partsId = Guid.NewGuid().ToString("N");
        var parts = Split(bytes);
        var writes = new List<WriteRequest>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var item = ProgressKeys.Key(partition, PartKey(partPrefix, partsId, i));
            item[Attributes.Text] = Attributes.S(parts[i]);
            if (expireAt is { } expiry) item[ProgressTable.ExpiryAttribute] = Attributes.N(expiry);
            writes.Add(new WriteRequest { PutRequest = new PutRequest { Item = item } });
        }
        await batchWriter.WriteAsync(writes, cancellationToken);
        return new()
        {
            [attribute + "PartsId"] = Attributes.S(partsId),
            [attribute + "Parts"] = Attributes.N(parts.Count),
        };
    }

    /// <summary>The text held by <paramref name="owner"/>, reading its parts if it has them; null if it has neither.</summary>
    public async Task<string?> ReadAsync(
        Dictionary<string, AttributeValue> owner, string partPrefix, string attribute, CancellationToken cancellationToken)
    {
        if (owner.String(attribute) is { } inline) return inline;
        if (owner.String(attribute + "PartsId") is not { } partsId) return null;
        var expected = owner.Int(attribute + "Parts") ?? 0;
        var partition = owner.RequiredString(ProgressTable.PartitionKey);

        var text = new StringBuilder();
        var found = 0;
        await foreach (var part in ItemQueries.QueryAsync(dynamo, new QueryRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :prefix)",
            ExpressionAttributeNames = new() { ["#pk"] = ProgressTable.PartitionKey, ["#sk"] = ProgressTable.SortKey },
            ExpressionAttributeValues = new()
            {
                [":pk"] = Attributes.S(partition),
                [":prefix"] = Attributes.S(partPrefix + partsId + "#"),
            },
        }, cancellationToken))
        {
            text.Append(part.RequiredString(Attributes.Text));
            found++;
        }
        if (found != expected)
            throw new ProgressStoreException(
                $"{attribute} of {partition}/{owner.String(ProgressTable.SortKey)} has {found} of its {expected} parts; it was not " +
                    $"completely written");
        return text.ToString();
    }

    /// <summary>Deletes the part items <paramref name="owner"/> points at (after the owner moved on to new ones).</summary>
    public async Task DeletePartsAsync(Dictionary<string, AttributeValue> owner, string partPrefix, string attribute,
        CancellationToken cancellationToken)
    {
        if (owner.String(attribute + "PartsId") is not { } partsId) return;
        var partition = owner.RequiredString(ProgressTable.PartitionKey);
        var count = owner.Int(attribute + "Parts") ?? 0;
        var deletes = Enumerable.Range(0, count)
            .Select(i =>
                new WriteRequest { DeleteRequest =
                new DeleteRequest { Key = ProgressKeys.Key(partition, PartKey(partPrefix, partsId, i)) } })
            .ToList();
        await batchWriter.WriteAsync(deletes, cancellationToken);
    }

    private static string PartKey(string prefix, string partsId, int index) =>
        prefix + partsId + "#" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>Cuts UTF-8 bytes into pieces of at most <see cref="MaxBytesPerItem"/>, never inside a character.</summary>
    internal static List<string> Split(byte[] bytes)
    {
        var parts = new List<string>();
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Math.Min(start + MaxBytesPerItem, bytes.Length);
            // A UTF-8 continuation byte is 10xxxxxx: back up until the cut falls before a character's first byte.
            while (end < bytes.Length && (bytes[end] & 0xC0) == 0x80) end--;
            parts.Add(Encoding.UTF8.GetString(bytes, start, end - start));
            start = end;
        }
        return parts;
    }
}
