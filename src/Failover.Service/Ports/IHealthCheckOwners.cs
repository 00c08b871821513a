using Failover.Core.Spec;
using Failover.Service.Apply;

namespace Failover.Service.Ports;

/// <summary>
/// Whose are the health checks a spec names by id: the API asks before it stores a version, so a spec that would take
/// over another tree's check is refused at the door (the Plan step asks again before any run writes).
/// </summary>
public interface IHealthCheckOwners
{
    Task<IReadOnlyList<ForeignHealthCheck>> FindForeignAsync(TreeSpec spec, CancellationToken cancellationToken);
}
