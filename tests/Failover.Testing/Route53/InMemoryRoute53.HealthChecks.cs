using System.Net;
using Failover.Core.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Testing.Route53;

public sealed partial class InMemoryRoute53
{
    /// <summary>ListHealthChecks returns 100 per page unless asked, and at most 1,000 (API reference, ListHealthChecks MaxItems).</summary>
    public const int DefaultHealthCheckPage = 100;

    private readonly Dictionary<string, HealthCheck> _checks = new(StringComparer.Ordinal);
    private readonly List<string> _checkOrder = [];
    private readonly HashSet<string> _deletedReferences = new(StringComparer.Ordinal);
    private readonly Dictionary<(TagResourceType, string), List<ResourceTag>> _tags = [];
    private readonly Dictionary<string, IReadOnlyList<HealthCheckObservation>> _observations = new(StringComparer.Ordinal);

    /// <summary>Every health check of the account, in creation order.</summary>
    public IReadOnlyList<HealthCheck> HealthChecks
    {
        get { lock (_gate) return [.. _checkOrder.Select(id => _checks[id])]; }
    }

    /// <summary>What GetHealthCheckStatus answers for the check from now on (one observation per status text).</summary>
    public void SetObservations(string healthCheckId, params string[] statuses)
    {
        lock (_gate)
            _observations[healthCheckId] =
                [.. statuses.Select((s, i) => new HealthCheckObservation("us-east-1", $"15.177.0.{i + 1}", s, _time.GetUtcNow()))];
    }

    /// <summary>
    /// CallerReference makes a retry safe (API reference, CreateHealthCheckRequest CallerReference): the same reference
    /// and settings return the existing check; different settings, or the reference of a deleted check, are refused
    /// with HealthCheckAlreadyExists.
    /// </summary>
    public Task<HealthCheck> CreateHealthCheckAsync(string callerReference, HealthCheckConfig config,
        CancellationToken cancellationToken = default) =>
        ServeAsync("CreateHealthCheck", () =>
        {
            if (_deletedReferences.Contains(callerReference))
                throw new HealthCheckAlreadyExistsException(
                    $"A health check with CallerReference {callerReference} was deleted; its reference cannot be used again yet",
                    HttpStatusCode.Conflict, RequestId());
            if (_checks.Values.FirstOrDefault(c => c.CallerReference == callerReference) is { } existing)
                return existing.Config.SameAs(config) ? existing
                    : throw new HealthCheckAlreadyExistsException(
                        $"A health check with CallerReference {callerReference} exists with other settings", HttpStatusCode.Conflict,
                        RequestId());
            var id = $"{++_nextId:D8}-0000-4000-8000-000000000000";
            var check = new HealthCheck(id, callerReference, config, 1);
            _checks[id] = check;
            _checkOrder.Add(id);
            return check;
        }, cancellationToken);

    public Task<HealthCheck> GetHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default) =>
        ServeAsync("GetHealthCheck", () => Check(healthCheckId), cancellationToken);

    public Task<HealthCheck> UpdateHealthCheckAsync(
        string healthCheckId, HealthCheckConfig config, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ServeAsync("UpdateHealthCheck", () =>
        {
            var check = Check(healthCheckId);
            // HealthCheckVersion: "Route 53 rejects the request if the value doesn't match the current version" (API reference).
            if (expectedVersion is { } expected && expected != check.Version)
                throw new Route53Exception("HealthCheckVersionMismatch",
                    $"health check {healthCheckId} is at version {check.Version}, not {expected}", HttpStatusCode.Conflict, RequestId());
            var updated = check with { Config = config, Version = check.Version + 1 };
            _checks[healthCheckId] = updated;
            return updated;
        }, cancellationToken);

    public Task DeleteHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default) =>
        ServeAsync("DeleteHealthCheck", () =>
        {
            var check = Check(healthCheckId);
            _checks.Remove(healthCheckId);
            _checkOrder.Remove(healthCheckId);
            _deletedReferences.Add(check.CallerReference);
            _tags.Remove((TagResourceType.HealthCheck, healthCheckId));
            return true;
        }, cancellationToken);

    public Task<HealthCheckPage> ListHealthChecksAsync(string? marker = null, int? maxItems = null,
        CancellationToken cancellationToken = default) =>
        ServeAsync("ListHealthChecks", () =>
        {
            var from = marker is null ? 0 : _checkOrder.IndexOf(marker);
            if (from < 0) throw new InvalidInputException($"{marker} is not a marker this listing gave", HttpStatusCode.BadRequest,
                RequestId());
            var size = Math.Clamp(maxItems ?? DefaultHealthCheckPage, 1, 1000);
            var page = _checkOrder.Skip(from).Take(size).Select(id => _checks[id]).ToList();
            var next = from + page.Count < _checkOrder.Count ? _checkOrder[from + page.Count] : null;
            return new HealthCheckPage(page, next);
        }, cancellationToken);

    public async IAsyncEnumerable<HealthCheck> ListAllHealthChecksAsync(int? pageSize = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListHealthChecksAsync(marker, pageSize, cancellationToken);
            foreach (var check in page.HealthChecks) yield return check;
            marker = page.NextMarker;
        } while (marker is not null);
    }

    public Task<IReadOnlyList<HealthCheckObservation>> GetHealthCheckStatusAsync(string healthCheckId,
        CancellationToken cancellationToken = default) =>
        ServeAsync("GetHealthCheckStatus", () =>
        {
            Check(healthCheckId);
            return _observations.GetValueOrDefault(healthCheckId) ?? [];
        }, cancellationToken);

    /// <summary>Up to ten tags added and ten removed per request (API reference, ChangeTagsForResource).</summary>
    public Task ChangeTagsForResourceAsync(
        string resourceId, IReadOnlyList<ResourceTag> addTags, IReadOnlyList<string>? removeTagKeys = null,
        TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default) =>
        ServeAsync("ChangeTagsForResource", () =>
        {
            if (addTags.Count > 10 || removeTagKeys?.Count > 10)
                throw new InvalidInputException("at most 10 tags may be added and 10 removed per request", HttpStatusCode.BadRequest,
                    RequestId());
            RequireResource(resourceType, resourceId);
            if (!_tags.TryGetValue((resourceType, resourceId), out var tags)) _tags[(resourceType, resourceId)] = tags = [];
            foreach (var tag in addTags)
            {
                tags.RemoveAll(t => t.Key == tag.Key);
                tags.Add(tag);
            }
            foreach (var key in removeTagKeys ?? []) tags.RemoveAll(t => t.Key == key);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<ResourceTag>> ListTagsForResourceAsync(
        string resourceId, TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default) =>
        ServeAsync("ListTagsForResource", () =>
        {
            RequireResource(resourceType, resourceId);
            return (IReadOnlyList<ResourceTag>)[.. _tags.GetValueOrDefault((resourceType, resourceId)) ?? []];
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, IReadOnlyList<ResourceTag>>> ListTagsForResourcesAsync(
        IReadOnlyCollection<string> resourceIds, TagResourceType resourceType = TagResourceType.HealthCheck,
        CancellationToken cancellationToken = default) =>
        ServeAsync("ListTagsForResources", () =>
        {
            if (resourceIds.Count is 0 or > IHealthChecks.MaxTagResources)
                throw new InvalidInputException($"ListTagsForResources takes 1 to {IHealthChecks.MaxTagResources} resource ids",
                    HttpStatusCode.BadRequest, RequestId());
            foreach (var id in resourceIds) RequireResource(resourceType, id);
            return (IReadOnlyDictionary<string, IReadOnlyList<ResourceTag>>)resourceIds.Distinct().ToDictionary(
                id => id, id => (IReadOnlyList<ResourceTag>)[.. _tags.GetValueOrDefault((resourceType, id)) ?? []],
                StringComparer.Ordinal);
        }, cancellationToken);

    private HealthCheck Check(string healthCheckId) =>
        _checks.GetValueOrDefault(healthCheckId)
        ?? throw new NoSuchHealthCheckException($"No health check exists with the ID {healthCheckId}", HttpStatusCode.NotFound,
            RequestId());

    private void RequireResource(TagResourceType type, string id)
    {
        if (type == TagResourceType.HealthCheck) Check(id);
        else Zone(id);
    }
}
