using Failover.Service.Ports;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Adapters;

/// <summary>The zone's state for a tree, read from Route 53 by the same reader direct apply uses.</summary>
public sealed class Route53ZoneReader(IRoute53 route53) : IZoneReader
{
    private readonly ActualStateReader _reader = new(route53);
    private readonly Zones.HostedZonePrivacy _privacy = new(route53);

    public Task<Failover.Core.Validation.ZonePrivacy> ReadPrivacyAsync(IEnumerable<string> hostedZoneIds,
        CancellationToken cancellationToken) => _privacy.ReadAsync(hostedZoneIds, cancellationToken);

    public Task<ActualState> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned, CancellationToken cancellationToken) =>
        _reader.ReadAsync(desired, owned, cancellationToken);
}
