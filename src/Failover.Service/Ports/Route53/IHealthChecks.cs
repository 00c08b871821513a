using Failover.Core.Route53;

namespace Failover.Service.Ports.Route53;

/// <summary>Route 53's health checks, their tags (which tree and node a check is for) and what their checkers see.</summary>
public interface IHealthChecks
{
    /// <summary>ListTagsForResources takes at most ten resource ids per request (API reference, ResourceIds).</summary>
    const int MaxTagResources = 10;

    Task<HealthCheck> CreateHealthCheckAsync(string callerReference, HealthCheckConfig config,
        CancellationToken cancellationToken = default);

    Task<HealthCheck> GetHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default);

    Task<HealthCheck> UpdateHealthCheckAsync(
        string healthCheckId, HealthCheckConfig config, long? expectedVersion = null, CancellationToken cancellationToken = default);

    Task DeleteHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default);

    Task<HealthCheckPage> ListHealthChecksAsync(string? marker = null, int? maxItems = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<HealthCheck> ListAllHealthChecksAsync(int? pageSize = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HealthCheckObservation>> GetHealthCheckStatusAsync(string healthCheckId,
        CancellationToken cancellationToken = default);

    Task ChangeTagsForResourceAsync(
        string resourceId, IReadOnlyList<ResourceTag> addTags, IReadOnlyList<string>? removeTagKeys = null,
        TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ResourceTag>> ListTagsForResourceAsync(
        string resourceId, TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<string, IReadOnlyList<ResourceTag>>> ListTagsForResourcesAsync(
        IReadOnlyCollection<string> resourceIds, TagResourceType resourceType = TagResourceType.HealthCheck,
        CancellationToken cancellationToken = default);
}
