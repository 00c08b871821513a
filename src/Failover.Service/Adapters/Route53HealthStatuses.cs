using Failover.Service.Ports;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Health;
using Failover.Core.Spec;

namespace Failover.Service.Adapters;

/// <summary>
/// Finds the tree's health checks as the apply and drift steps do (ListHealthChecks by CallerReference prefix, tags ten
/// at a time), then asks GetHealthCheckStatus once per check. A tree without health-checked endpoints costs nothing.
/// </summary>
public sealed class Route53HealthStatuses(IRoute53 route53) : IHealthStatuses
{
    public async Task<IReadOnlyList<CheckStatuses>> ReadAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        var desired = TreeCompiler.Compile(spec);
        if (!NodeHealthChecks.Any(desired)) return [];
        var references = desired.HealthChecks.Select(c => c.CallerReference).ToHashSet(StringComparer.Ordinal);
        var found = desired.HealthChecks.Count == 0
            ? []
            : await new ActualStateReader(route53).ReadHealthChecksAsync(spec.Name, references, allIds: null, cancellationToken,
                ActualStateReader.AdoptedIds(spec)).ConfigureAwait(false);

        var result = new List<CheckStatuses>();
        foreach (var check in NodeHealthChecks.Locate(desired, found))
        {
            IReadOnlyList<string?> statuses;
            try
            {
                statuses = (await route53.GetHealthCheckStatusAsync(check.HealthCheckId, cancellationToken).ConfigureAwait(false))
                    .Select(o => o.Status).ToList();
            }
            catch (NoSuchHealthCheckException)
            {
                // A named check deleted outside the service: its health is unknown (drift reports the missing check).
                statuses = [];
            }
            result.Add(new CheckStatuses(check.NodeId, check.HealthCheckId, statuses));
        }
        return result;
    }
}
