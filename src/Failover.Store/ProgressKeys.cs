using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Failover.Core.Route53;

namespace Failover.Store;

/// <summary>The key scheme of the progress table (docs/progress-table.md): one place that spells every key.</summary>
internal static class ProgressKeys
{
    public const string TreeListing = "TREES";
    public const string Meta = "META";
    public const string Lock = "LOCK";
    public const string Drift = "DRIFT";
    public const string Run = "RUN";
    public const string Claim = "CLAIM";
    public const string VersionPrefix = "VERSION#";
    public const string NodePrefix = "NODE#";
    public const string OwnedPrefix = "OWNS#";
    public const string SpecPartPrefix = "SPECPART#";
    public const string PlanPartPrefix = "PLANPART#";
    public const string DriftPartPrefix = "DRIFTPART#";
    public const string EventPrefix = "EVENT#";

    public static string TreePartition(string tree) => "TREE#" + tree;
    public static string RunPartition(string runId) => "RUN#" + runId;
    public static string RunsOfTree(string tree) => "RUNS#" + tree;

    /// <summary>Zero-padded so that string order is number order (versions are listed newest first by sort key).</summary>
    public static string Version(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string Node(string nodeId) => NodePrefix + nodeId;

    /// <summary>Time first, so the tree's events sort by time; the event id last keeps two events of one instant apart.</summary>
    public static string Event(string time, string eventId) => $"{EventPrefix}{time}#{eventId}";

    /// <summary>
    /// The zone first (a tree may own the same name in two zones), the set identifier last: it is the only part that may
    /// hold any character, and being last it cannot make two different keys spell the same sort key. The item also stores
    /// the parts as attributes for reading back. A key without a zone is an item written before zones were part of the key
    /// (<see cref="IsZoned"/>): it keeps its old sort key until migrated.
    /// </summary>
    public static string Owned(RecordKey key) => key.Zone is null
        ? $"{OwnedPrefix}{key.Type}#{key.Name}#{key.SetIdentifier}"
        : $"{OwnedPrefix}{ZonedMark}{key.Zone}#{key.Type}#{key.Name}#{key.SetIdentifier}";

    /// <summary>Record types are letters, so no sort key of the old layout starts with this after the prefix.</summary>
    private const string ZonedMark = "@";

    public static bool IsZoned(string ownedSortKey) => ownedSortKey.StartsWith(OwnedPrefix + ZonedMark, StringComparison.Ordinal);

    public static string ClaimPartition(string hostedZoneId, string recordName, string recordType) =>
        $"CLAIM#{hostedZoneId}#{NormalizeName(recordName)}#{recordType.ToUpperInvariant()}";

    /// <summary>Route 53 names are case-insensitive and the trailing dot is optional on the wire.</summary>
    public static string NormalizeName(string name) => name.TrimEnd('.').ToLowerInvariant();

    public static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [ProgressTable.PartitionKey] = new AttributeValue { S = partition },
        [ProgressTable.SortKey] = new AttributeValue { S = sort },
    };
}
