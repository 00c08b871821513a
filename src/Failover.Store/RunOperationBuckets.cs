using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Failover.Service.Ports.Route53;

namespace Failover.Store;

/// <summary>
/// The run item's <c>route53Buckets</c> attribute: a map from operation name to <c>{balance, perSecond, atMs}</c>, the
/// Route 53 per-operation buckets the run's last step left spent or slowed (<see cref="Service.Workflow.RunRequestRate"/>).
/// </summary>
/// <remarks>
/// Numbers are rounded so that a copy resumed from them never holds more than the one kept: the balance and the rate
/// down (to thousandths), the time up (to the millisecond). The attribute is a hint: one that cannot be read as a whole
/// counts as absent (full copies, the behaviour without it), never as an error of the run.
/// </remarks>
internal static class RunOperationBuckets
{
    private const string Balance = "balance";
    private const string PerSecond = "perSecond";
    private const string AtMs = "atMs";
    private const double MaxMilliseconds = 253402300799999;

    public static AttributeValue Write(IReadOnlyList<OperationBucket> buckets) => new()
    {
        M = buckets.ToDictionary(b => b.Operation, b => new AttributeValue
        {
            M = new Dictionary<string, AttributeValue>
            {
                [Balance] = Attributes.Decimal(RoundDown(b.Balance)),
                [PerSecond] = Attributes.Decimal(RoundDown(b.PerSecond)),
                [AtMs] = Attributes.N(MillisecondsUp(b.At)),
            },
        }, StringComparer.Ordinal),
    };

    public static IReadOnlyList<OperationBucket> Read(Dictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(Attributes.Route53Buckets, out var value) || value.M is not { Count: > 0 } map) return [];
        var buckets = new List<OperationBucket>(map.Count);
        foreach (var (operation, state) in map)
        {
            if (state.M is not { } fields || Parse(fields, Balance) is not { } balance || Parse(fields, PerSecond) is not { } rate
                || Parse(fields, AtMs) is not { } at || at is < 0 or > MaxMilliseconds) return [];
            var bucket = new OperationBucket(operation, balance, rate, DateTimeOffset.FromUnixTimeMilliseconds((long)at));
            if (!bucket.IsUsable) return [];
            buckets.Add(bucket);
        }
        return buckets;
    }

    public static double RoundDown(double value) => Math.Floor(value * 1000) / 1000;

    public static long MillisecondsUp(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(ms) < at ? ms + 1 : ms;
    }


    private static double? Parse(Dictionary<string, AttributeValue> fields, string name) =>
        fields.TryGetValue(name, out var field) && field.N is { } text
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : null;
}
