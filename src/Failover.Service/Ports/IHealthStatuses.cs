using Failover.Core.Spec;

namespace Failover.Service.Ports;

/// <summary>One endpoint's health check and its checkers' latest statuses (empty when Route 53 has none, or no such check).</summary>
public sealed record CheckStatuses(string NodeId, string HealthCheckId, IReadOnlyList<string?> Statuses);

/// <summary>
/// The observed health of a tree's endpoints, read on request (<c>GET /trees/{name}/health</c>): the tree's checks
/// found by tag, then one GetHealthCheckStatus call per check. Never polled: each read costs Route 53 requests.
/// </summary>
public interface IHealthStatuses
{
    Task<IReadOnlyList<CheckStatuses>> ReadAsync(TreeSpec spec, CancellationToken cancellationToken);
}

/// <summary>A deployment that reads no health: every endpoint's health is unknown.</summary>
public sealed class NoHealthStatuses : IHealthStatuses
{
    public static readonly NoHealthStatuses Instance = new();

    public Task<IReadOnlyList<CheckStatuses>> ReadAsync(TreeSpec spec, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CheckStatuses>>([]);
}
