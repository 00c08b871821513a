using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Ports;

/// <summary>
/// Reads what Route 53 holds for a tree (its names in the zone, its health checks). The API calls it only after the
/// hosted zone passed the allow-list.
/// </summary>
public interface IZoneReader
{
    /// <param name="owned">The tree's owned records as the progress store keeps them, each naming its zone.</param>
    Task<ActualState> ReadAsync(CompiledTree desired, IReadOnlySet<RecordKey> owned, CancellationToken cancellationToken);

    /// <summary>Which of these zones are private (GetHostedZone, once per zone); a reader that cannot tell knows of none.</summary>
    Task<Failover.Core.Validation.ZonePrivacy> ReadPrivacyAsync(IEnumerable<string> hostedZoneIds, CancellationToken cancellationToken) =>
        Task.FromResult(Failover.Core.Validation.ZonePrivacy.Unknown);
}
