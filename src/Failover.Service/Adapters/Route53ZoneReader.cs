using Failover.Service.Ports;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Adapters;

/// <summary>
/// The zone's state for a tree, read from Route 53 by the same reader the workflow's plan uses, with the deployment's
/// health check alarms (one DescribeAlarms pass by the deployment's prefix, not one per check), so a preview shows the
/// alarm layer the run will do.
/// </summary>
/// <param name="alarms">The deployment's alarms; null when it keeps none.</param>
public sealed class Route53ZoneReader(IRoute53 route53, Alarms.HealthCheckAlarmSource? alarms = null) : IZoneReader
{
    private readonly ActualStateReader _reader = new(route53, alarms);
    private readonly Zones.HostedZonePrivacy _privacy = new(route53);

    public Task<Failover.Core.Validation.ZonePrivacy> ReadPrivacyAsync(IEnumerable<string> hostedZoneIds,
        CancellationToken cancellationToken) => _privacy.ReadAsync(hostedZoneIds, cancellationToken);

    public Task<ActualState> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned, CancellationToken cancellationToken) =>
        _reader.ReadAsync(desired, owned, cancellationToken);
}
