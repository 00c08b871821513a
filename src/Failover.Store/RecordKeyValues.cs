using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

/// <summary>
/// Record keys as DynamoDB maps {name, type, setIdentifier?, zoneId?}: the zone is kept whenever the key has one, so a
/// record of one name in two zones (a move, a split-horizon tree) stays two records when read back.
/// </summary>
internal static class RecordKeyValues
{
    public static AttributeValue ToList(IEnumerable<RecordKey> keys) => new() { L = keys.Select(ToMap).ToList() };

    public static IReadOnlyList<RecordKey> FromList(AttributeValue value) => (value.L ?? []).Select(v => FromItem(v.M ?? [])).ToList();

    public static AttributeValue ToMap(RecordKey key) => new() { M = ToAttributes(key) };

    public static Dictionary<string, AttributeValue> ToAttributes(RecordKey key)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            [Attributes.Name] = Attributes.S(key.Name),
            [Attributes.Type] = Attributes.S(key.Type),
        };
        if (key.SetIdentifier is not null) map[Attributes.SetIdentifier] = Attributes.S(key.SetIdentifier);
        if (key.Zone is not null) map[Attributes.HostedZoneId] = Attributes.S(key.Zone);
        return map;
    }

    public static RecordKey FromItem(Dictionary<string, AttributeValue> item) =>
        new(item.RequiredString(Attributes.Name), item.RequiredString(Attributes.Type), item.String(Attributes.SetIdentifier))
        {
            Zone = item.String(Attributes.HostedZoneId),
        };
}
