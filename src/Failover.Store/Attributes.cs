using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>Attribute names of the progress table's items, and conversions between AttributeValue and .NET values.</summary>
internal static class Attributes
{
    public const string Name = "name";
    public const string HostedZoneId = "zoneId";
    public const string RecordName = "recordName";
    public const string RecordType = "recordType";
    public const string DriftPolicy = "driftPolicy";
    public const string Status = "status";
    public const string CurrentVersion = "currentVersion";
    public const string LatestVersion = "latestVersion";
    public const string LastRunId = "lastRunId";
    public const string LastRunStatus = "lastRunStatus";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string Version = "version";
    public const string Spec = "spec";
    public const string Sha256 = "sha256";
    public const string RunId = "runId";
    public const string Tree = "tree";
    public const string Kind = "kind";
    public const string Error = "error";
    public const string StartedAt = "startedAt";
    public const string FinishedAt = "finishedAt";
    public const string ExecutionArn = "executionArn";
    public const string Route53RequestsPerSecond = "route53Rps";
    public const string Route53Requests = "route53Requests";
    public const string Route53Buckets = "route53Buckets";
    public const string Route53Throttles = "route53Throttles";
    public const string Announced = "announced";
    public const string Plan = "plan";
    public const string NodeId = "nodeId";
    public const string Layer = "layer";
    public const string Records = "records";
    public const string HealthCheckId = "healthCheckId";
    public const string ChangeId = "changeId";
    public const string Owner = "owner";
    public const string LockExpiresAt = "lockExpiresAtMs";
    public const string AcquiredAt = "acquiredAt";
    public const string Report = "report";
    public const string CheckedAt = "checkedAt";
    public const string DriftedItems = "driftedItems";
    public const string Type = "type";
    public const string SetIdentifier = "setIdentifier";
    public const string Text = "text";
    public const string EventId = "eventId";
    public const string DetailType = "detailType";
    public const string Summary = "summary";
    public const string Link = "link";
    /// <summary>A fresh id on items put if absent: finding it tells a put whose answer was lost that it landed.</summary>
    public const string WriteId = "writeId";
    /// <summary>On an owned record: the record set a change is writing, until Route 53 is known to hold it.</summary>
    public const string Pending = "pending";

    public static AttributeValue S(string value) => new() { S = value };
    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A number to thousandths (rates and balances): more digits say nothing and cost item bytes.</summary>
    public static AttributeValue Decimal(double value) => new() { N = value.ToString("0.###", CultureInfo.InvariantCulture) };

    /// <summary>Fixed-width UTC text, so that string order is time order (run listings sort on it).</summary>
    public static AttributeValue Time(DateTimeOffset value) => S(Format(value));

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static long EpochSeconds(DateTimeOffset value) => value.ToUnixTimeSeconds();

    public static string? String(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static string RequiredString(this Dictionary<string, AttributeValue> item, string name) =>
        item.String(name) ?? throw Corrupt(item, name);

    public static long? Long(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null;

    public static int? Int(this Dictionary<string, AttributeValue> item, string name) => (int?)item.Long(name);

    public static DateTimeOffset? Timestamp(this Dictionary<string, AttributeValue> item, string name) =>
        item.String(name) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    public static DateTimeOffset RequiredTimestamp(this Dictionary<string, AttributeValue> item, string name) =>
        item.Timestamp(name) ?? throw Corrupt(item, name);

    public static TEnum RequiredEnum<TEnum>(this Dictionary<string, AttributeValue> item, string name) where TEnum : struct, Enum =>
        item.String(name) is { } text && EnumNames<TEnum>.TryParse(text, out var value)
            ? value
            : throw Corrupt(item, name);

    public static TEnum? EnumOrNull<TEnum>(this Dictionary<string, AttributeValue> item, string name) where TEnum : struct, Enum =>
        item.String(name) is { } text && EnumNames<TEnum>.TryParse(text, out var value) ? value : null;

    /// <summary>Status and kind values are stored in upper case (RUNNING, DONE, …) as the API and docs spell them.</summary>
    public static AttributeValue Upper<TEnum>(TEnum value) where TEnum : struct, Enum => S(Spell(value));

    public static string Spell<TEnum>(TEnum value) where TEnum : struct, Enum => EnumNames<TEnum>.Upper(value);

    private static ProgressStoreException Corrupt(Dictionary<string, AttributeValue> item, string name) =>
        new(
            $"progress item {item.String(ProgressTable.PartitionKey)}/{item.String(ProgressTable.SortKey)} has no valid '{name}' " +
            $"attribute");
}
