using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

internal sealed partial class DynamoDbProgress
{
    /// <summary>
    /// Claims a record name and type in a zone for <paramref name="tree"/>: true if it was free or is already this
    /// tree's, false if another tree holds it. Two trees can never both build records at one name and type (Route 53
    /// allows one routing policy per name and type, and each tree's records would fight the other's).
    /// </summary>
    public async Task<bool> ClaimRecordNameAsync(
        string hostedZoneId, string recordName, string recordType, string tree, CancellationToken cancellationToken = default)
    {
        var item = ProgressKeys.Key(ProgressKeys.ClaimPartition(hostedZoneId, recordName, recordType), ProgressKeys.Claim);
        item[Attributes.Tree] = Attributes.S(tree);
        item[Attributes.HostedZoneId] = Attributes.S(hostedZoneId);
        item[Attributes.RecordName] = Attributes.S(ProgressKeys.NormalizeName(recordName));
        item[Attributes.RecordType] = Attributes.S(recordType.ToUpperInvariant());
        item[Attributes.CreatedAt] = Attributes.Time(Now);

        var expressions = new Expressions();
        var condition = $"attribute_not_exists({expressions.Name(ProgressTable.PartitionKey)}) "
            + $"OR {expressions.Name(Attributes.Tree)} = {expressions.Value("tree", Attributes.S(tree))}";
        var key = ProgressKeys.Key(item[ProgressTable.PartitionKey].S, item[ProgressTable.SortKey].S);
        return await DecideAsync(() => _dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = item,
            ConditionExpression = condition,
            ExpressionAttributeNames = expressions.Names,
            ExpressionAttributeValues = expressions.Values,
        }, cancellationToken), key, found => found?.String(Attributes.Tree) == tree, cancellationToken);
    }

    /// <summary>Gives up <paramref name="tree"/>'s claim; false (and nothing changed) if the tree does not hold it.</summary>
    public Task<bool> ReleaseRecordNameAsync(
        string hostedZoneId, string recordName, string recordType, string tree, CancellationToken cancellationToken = default)
    {
        var expressions = new Expressions();
        var condition = $"{expressions.Name(Attributes.Tree)} = {expressions.Value("tree", Attributes.S(tree))}";
        var key = ProgressKeys.Key(ProgressKeys.ClaimPartition(hostedZoneId, recordName, recordType), ProgressKeys.Claim);
        // A delete whose answer was lost has landed if the item is gone.
        return DecideAsync(() => _dynamo.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = _table,
            Key = key,
            ConditionExpression = condition,
            ExpressionAttributeNames = expressions.Names,
            ExpressionAttributeValues = expressions.Values,
        }, cancellationToken), key, found => found is null, cancellationToken, readOnRefusal: false);
    }

    /// <summary>The tree that holds the record name and type in the zone; null if none does.</summary>
    public async Task<string?> GetRecordNameOwnerAsync(
        string hostedZoneId, string recordName, string recordType, CancellationToken cancellationToken = default)
    {
        var item =
            await GetItemAsync(ProgressKeys.ClaimPartition(hostedZoneId, recordName, recordType), ProgressKeys.Claim, cancellationToken);
        return item?.String(Attributes.Tree);
    }
}
