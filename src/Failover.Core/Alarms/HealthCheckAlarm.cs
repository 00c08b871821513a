using System.Globalization;
using Failover.Core.Drift;

namespace Failover.Core.Alarms;

/// <summary>
/// A CloudWatch metric alarm as the service writes and reads it: only the members the service sets, so a desired alarm
/// and one read back compare member by member.
/// </summary>
public sealed record MetricAlarm(
    string Name,
    string Namespace,
    string MetricName,
    IReadOnlyDictionary<string, string> Dimensions,
    string Statistic,
    int Period,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    double Threshold,
    string ComparisonOperator,
    string TreatMissingData)
{
    /// <summary>
    /// The tree its description names (<see cref="HealthCheckAlarms.DescriptionFor"/>), read back with the alarm; null for an
    /// alarm that names none. Not a setting: <see cref="Differences"/> leaves it out.
    /// </summary>
    public string? Tree { get; init; }

    /// <summary>The members that differ from <paramref name="actual"/>, for a drift report (empty: the same alarm).</summary>
    public IReadOnlyList<FieldDifference> Differences(MetricAlarm actual)
    {
        var fields = new List<FieldDifference>();
        void Compare(string field, string? expected, string? found)
        {
            if (!string.Equals(expected, found, StringComparison.Ordinal)) fields.Add(new FieldDifference(field, expected, found));
        }
        Compare("namespace", Namespace, actual.Namespace);
        Compare("metricName", MetricName, actual.MetricName);
        Compare("dimensions", Describe(Dimensions), Describe(actual.Dimensions));
        Compare("statistic", Statistic, actual.Statistic);
        Compare("period", Number(Period), Number(actual.Period));
        Compare("evaluationPeriods", Number(EvaluationPeriods), Number(actual.EvaluationPeriods));
        Compare("datapointsToAlarm", Number(DatapointsToAlarm), Number(actual.DatapointsToAlarm));
        Compare("threshold", Threshold.ToString(CultureInfo.InvariantCulture), actual.Threshold.ToString(CultureInfo.InvariantCulture));
        Compare("comparisonOperator", ComparisonOperator, actual.ComparisonOperator);
        Compare("treatMissingData", TreatMissingData, actual.TreatMissingData);
        return fields;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Describe(IReadOnlyDictionary<string, string> dimensions) =>
        string.Join(",", dimensions.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
}

/// <summary>
/// The alarm the service keeps on each health check a tree owns: what tells the answer watcher that a check changed
/// state. Route 53 Developer Guide, "Monitoring health checks using CloudWatch": every health check publishes
/// <c>HealthCheckStatus</c> (namespace <c>AWS/Route53</c>, dimension <c>HealthCheckId</c>) once a minute, 1 healthy and
/// 0 unhealthy, in us-east-1 only.
/// </summary>
/// <remarks>
/// The debounce rule: <c>Minimum</c> over one-minute periods below 1, in 2 of the last 3 periods. One bad minute (a
/// blip, a single checker region's hiccup that tipped the verdict) does not move the alarm; two of three do, so the alarm
/// changes state within about two to three minutes of a real failure and does not flap with an endpoint that fails every
/// other minute more than once per three. Missing data (a disabled check, a check being replaced) keeps the alarm's
/// state: silence says nothing about health.
/// </remarks>
public static class HealthCheckAlarms
{
    public const string Namespace = "AWS/Route53";
    public const string MetricName = "HealthCheckStatus";
    public const string Dimension = "HealthCheckId";
    /// <summary>Route 53 publishes its health check metrics in US East (N. Virginia) only.</summary>
    public const string Region = "us-east-1";
    public const int PeriodSeconds = 60;
    public const int EvaluationPeriods = 3;
    public const int DatapointsToAlarm = 2;

    /// <summary>The alarm's name: the deployment's prefix and the check's id, so an alarm lives and dies with its check.</summary>
    public static string NameFor(string prefix, string healthCheckId) => prefix + healthCheckId;

    /// <summary>
    /// The alarm's description, naming its tree and node: DescribeAlarms returns descriptions but not tags (those take a
    /// ListTagsForResource per alarm, CloudWatch API reference), so this is how one pass by prefix tells whose an alarm
    /// is, even after its health check is gone.
    /// </summary>
    public static string DescriptionFor(string? tree, string? node) =>
        (tree is null ? "Kept by the failover service" : $"Kept by the failover service for tree {tree} (node {node ?? "?"})")
        + ": the state of a Route 53 health check (HealthCheckStatus). Its state changes drive Tree Answer Changed; "
        + "the service deletes it with the check.";

    /// <summary>The tree a description written by <see cref="DescriptionFor"/> names; null for any other text.</summary>
    public static string? TreeIn(string? description)
    {
        const string lead = "Kept by the failover service for tree ";
        if (description is null || !description.StartsWith(lead, StringComparison.Ordinal)) return null;
        var end = description.IndexOf(' ', lead.Length);
        return end > lead.Length ? description[lead.Length..end] : null;
    }

    public static MetricAlarm For(string prefix, string healthCheckId) => new(
        NameFor(prefix, healthCheckId), Namespace, MetricName,
        new Dictionary<string, string>(StringComparer.Ordinal) { [Dimension] = healthCheckId },
        Statistic: "Minimum", Period: PeriodSeconds, EvaluationPeriods: EvaluationPeriods, DatapointsToAlarm: DatapointsToAlarm,
        Threshold: 1, ComparisonOperator: "LessThanThreshold", TreatMissingData: "missing");
}

/// <summary>
/// The deployment's health check alarms as a plan or drift check sees them: every alarm whose name starts with the
/// deployment's prefix, by name. Null on an <see cref="Planning.ActualState"/> that was read without them (a deployment
/// that keeps no alarms): then plans neither write nor delete alarms.
/// </summary>
public sealed record HealthCheckAlarmState(string Prefix, IReadOnlyDictionary<string, MetricAlarm> ByName)
{
    public MetricAlarm? For(string healthCheckId) => ByName.GetValueOrDefault(HealthCheckAlarms.NameFor(Prefix, healthCheckId));

    /// <summary>
    /// The alarms whose description names <paramref name="tree"/> but whose health check is not among
    /// <paramref name="liveHealthCheckIds"/>: left behind when a check was deleted out of band (a repair made the node a
    /// new check, with an alarm of its own), so no plan that deletes checks would ever reach them.
    /// </summary>
    public IReadOnlyList<(string AlarmName, string HealthCheckId)> OrphansOf(string tree, IReadOnlySet<string> liveHealthCheckIds) =>
        [.. ByName.Values
            .Where(a => a.Tree == tree && a.Dimensions.TryGetValue(HealthCheckAlarms.Dimension, out var id)
                && !liveHealthCheckIds.Contains(id))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => (a.Name, a.Dimensions[HealthCheckAlarms.Dimension]))];

    /// <summary>Whether the check's alarm is missing or differs from the one the service keeps.</summary>
    public bool NeedsPut(string healthCheckId) =>
        For(healthCheckId) is not { } alarm || HealthCheckAlarms.For(Prefix, healthCheckId).Differences(alarm).Count > 0;
}
