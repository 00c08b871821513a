using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Adapters;

/// <summary>Reads the tags of the checks a spec names (ten a request); a spec that names none costs nothing.</summary>
public sealed class Route53HealthCheckOwners(IHealthChecks route53) : IHealthCheckOwners
{
    public Task<IReadOnlyList<ForeignHealthCheck>> FindForeignAsync(TreeSpec spec, CancellationToken cancellationToken) =>
        NamedHealthChecks.FindForeignAsync(route53, spec, cancellationToken);
}
