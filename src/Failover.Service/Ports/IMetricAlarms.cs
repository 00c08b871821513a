using Failover.Core.Alarms;

namespace Failover.Service.Ports;

/// <summary>CloudWatch metric alarms, limited to what the service does with the alarms on its health checks.</summary>
public interface IMetricAlarms
{
    /// <summary>Every metric alarm whose name starts with <paramref name="namePrefix"/> (DescribeAlarms, all pages).</summary>
    Task<IReadOnlyList<MetricAlarm>> DescribeAsync(string namePrefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or overwrites the alarm of that name (PutMetricAlarm is idempotent by name). The tags are written when the
    /// alarm is created; CloudWatch ignores them on an update.
    /// </summary>
    Task PutAsync(MetricAlarm alarm, IReadOnlyList<KeyValuePair<string, string>> tags, CancellationToken cancellationToken = default);

    /// <summary>Deletes the alarms; a name that does not exist counts as deleted.</summary>
    Task DeleteAsync(IReadOnlyList<string> names, CancellationToken cancellationToken = default);
}
