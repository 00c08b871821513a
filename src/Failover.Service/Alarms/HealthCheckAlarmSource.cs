using Failover.Core.Alarms;
using Failover.Service.Ports;

namespace Failover.Service.Alarms;

/// <summary>
/// The deployment's health check alarms: the CloudWatch client (us-east-1, where Route 53 publishes its metrics) and the
/// name prefix every alarm of the deployment carries (<c>FAILOVER_HEALTH_ALARM_PREFIX</c>, the template's
/// <c>&lt;stack&gt;-health-</c>, which its EventBridge rule matches). A deployment built without one keeps no alarms.
/// </summary>
public sealed record HealthCheckAlarmSource(IMetricAlarms Client, string Prefix)
{
    public const string PrefixVariable = "FAILOVER_HEALTH_ALARM_PREFIX";

    /// <summary>The prefix the interactive local stack keeps its alarms under (in moto's CloudWatch); the CLI's default for it.</summary>
    public const string LocalStackPrefix = "failover-local-health-";

    /// <summary>The tags of a tree's alarm, as on its health check: whose it is, seen in the console.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> TagsFor(string tree, string nodeId) =>
    [
        new("failover:tree", tree),
        new("failover:node", nodeId),
    ];

    public async Task<HealthCheckAlarmState> ReadAsync(CancellationToken cancellationToken)
    {
        var alarms = await Client.DescribeAsync(Prefix, cancellationToken).ConfigureAwait(false);
        var byName = new Dictionary<string, MetricAlarm>(StringComparer.Ordinal);
        foreach (var alarm in alarms) byName[alarm.Name] = alarm;
        return new HealthCheckAlarmState(Prefix, byName);
    }
}
