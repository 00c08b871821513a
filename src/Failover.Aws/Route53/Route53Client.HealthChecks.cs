using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Globalization;
using System.Runtime.CompilerServices;
using Failover.Aws.Http;
using Failover.Core.Route53;

namespace Failover.Aws.Route53;

public sealed partial class Route53Client
{
    /// <summary>
    /// Creates a health check. Safe to send again: the same CallerReference with the same config returns the check
    /// created the first time, and with a different config fails with <see cref="HealthCheckAlreadyExistsException"/>.
    /// </summary>
    public async Task<HealthCheck> CreateHealthCheckAsync(string callerReference, HealthCheckConfig config,
        CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("CreateHealthCheckRequest", w =>
        {
            w.Element("CallerReference", callerReference);
            HealthCheckXml.WriteConfig(w, config);
        });
        var root = await SendAsync(Post("CreateHealthCheck", "/healthcheck", body, safeToRepeat: true), cancellationToken)
            .ConfigureAwait(false);
        return HealthCheckXml.ReadHealthCheck(Required(root, "HealthCheck"));
    }

    public async Task<HealthCheck> GetHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(Get("GetHealthCheck", $"/healthcheck/{Route53Ids.Escape(healthCheckId)}"), cancellationToken)
            .ConfigureAwait(false);
        return HealthCheckXml.ReadHealthCheck(Required(root, "HealthCheck"));
    }

    /// <summary>
    /// Makes the check match <paramref name="config"/> (Type, RequestInterval and MeasureLatency cannot change; recreate
    /// the check for those). With <paramref name="expectedVersion"/>, Route 53 refuses the update if the check changed
    /// since that version was read — and such an update is not repeated when its answer is lost, since a repeat of an
    /// applied update would be refused for the version it just bumped.
    /// </summary>
    public async Task<HealthCheck> UpdateHealthCheckAsync(
        string healthCheckId, HealthCheckConfig config, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("UpdateHealthCheckRequest", w => HealthCheckXml.WriteUpdate(w, config, expectedVersion));
        var request =
            Post("UpdateHealthCheck", $"/healthcheck/{Route53Ids.Escape(healthCheckId)}", body, safeToRepeat: expectedVersion is null);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return HealthCheckXml.ReadHealthCheck(Required(root, "HealthCheck"));
    }

    /// <summary>
    /// Deletes a health check. Sent again when its answer is lost, so a caller may see
    /// <see cref="NoSuchHealthCheckException"/> for a check this very call deleted: treat it as deleted.
    /// </summary>
    public async Task DeleteHealthCheckAsync(string healthCheckId, CancellationToken cancellationToken = default)
    {
        var request =
            new AwsRequest("DeleteHealthCheck",
            HttpMethod.Delete, $"{ApiPrefix}/healthcheck/{Route53Ids.Escape(healthCheckId)}") { SafeToRepeat = true };
        await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of health checks (Route 53 returns up to 100 by default, and at most 1,000).</summary>
    public async Task<HealthCheckPage> ListHealthChecksAsync(string? marker = null, int? maxItems = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("marker", marker), ("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture)));
        var root = await SendAsync(Get("ListHealthChecks", "/healthcheck" + query), cancellationToken).ConfigureAwait(false);
        var checks = root.Nodes("HealthChecks", "HealthCheck").Select(HealthCheckXml.ReadHealthCheck).ToList();
        var truncated = root.Bool("IsTruncated") ?? false;
        return new HealthCheckPage(checks, truncated ? root.Child("NextMarker") : null);
    }

    /// <summary>Every health check of the account, page by page.</summary>
    public async IAsyncEnumerable<HealthCheck> ListAllHealthChecksAsync(int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await ListHealthChecksAsync(marker, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var check in page.HealthChecks) yield return check;
            if (page.NextMarker is not null && page.NextMarker == marker)
                throw new FormatException($"Route 53 answered ListHealthChecks with the marker it was given ({marker}); stopping instead " +
                    $"of looping.");
            marker = page.NextMarker;
        } while (marker is not null);
    }

    /// <summary>The latest observations of Route 53's checkers. For development: production reads CloudWatch.</summary>
    public async Task<IReadOnlyList<HealthCheckObservation>> GetHealthCheckStatusAsync(string healthCheckId,
        CancellationToken cancellationToken = default)
    {
        var root =
            await SendAsync(Get("GetHealthCheckStatus", $"/healthcheck/{Route53Ids.Escape(healthCheckId)}/status"), cancellationToken)
            .ConfigureAwait(false);
        return root.Nodes("HealthCheckObservations", "HealthCheckObservation")
            .Select(o =>
                new HealthCheckObservation(o.Child("Region"), o.Child("IPAddress"), o.Node("StatusReport")?.Child("Status"),
                o.Node("StatusReport")?.Time("CheckedTime")))
            .ToList();
    }

    /// <summary>Adds (or overwrites) and removes tags on a health check or hosted zone. Route 53 takes up to 10 of each per call.</summary>
    public async Task ChangeTagsForResourceAsync(
        string resourceId, IReadOnlyList<ResourceTag> addTags, IReadOnlyList<string>? removeTagKeys = null,
        TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default)
    {
        var body = Route53Xml.Document("ChangeTagsForResourceRequest", w =>
        {
            if (addTags.Count > 0)
            {
                w.Start("AddTags");
                foreach (var tag in addTags)
                {
                    w.Start("Tag");
                    w.Element("Key", tag.Key);
                    w.Element("Value", tag.Value);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            if (removeTagKeys is { Count: > 0 })
            {
                w.Start("RemoveTagKeys");
                foreach (var key in removeTagKeys) w.Element("Key", key);
                w.WriteEndElement();
            }
        });
        await SendAsync(Post("ChangeTagsForResource", TagsPath(resourceType, resourceId), body, safeToRepeat: true),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ResourceTag>> ListTagsForResourceAsync(
        string resourceId, TagResourceType resourceType = TagResourceType.HealthCheck, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(Get("ListTagsForResource", TagsPath(resourceType, resourceId)), cancellationToken).ConfigureAwait(false);
        var set = root.Node("ResourceTagSet");
        return set is null ? [] : set.Nodes("Tags", "Tag").Select(t => new ResourceTag(t.Required("Key"), t.Child("Value") ?? "")).ToList();
    }

    /// <summary>Maximum resources per ListTagsForResources call.</summary>
    public const int MaxTagResources = IHealthChecks.MaxTagResources;

    /// <summary>
    /// The tags of up to <see cref="MaxTagResources"/> health checks or hosted zones in one request, by id (a resource
    /// Route 53 lists no tag set for has none). One call where ListTagsForResource needs one per resource.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ResourceTag>>> ListTagsForResourcesAsync(
        IReadOnlyCollection<string> resourceIds, TagResourceType resourceType = TagResourceType.HealthCheck,
            CancellationToken cancellationToken = default)
    {
        if (resourceIds.Count is 0 or > MaxTagResources)
            throw new ArgumentException(
                $"ListTagsForResources takes 1 to {MaxTagResources} resource ids, not {resourceIds.Count}.", nameof(resourceIds));
        var body = Route53Xml.Document("ListTagsForResourcesRequest", w =>
        {
            w.Start("ResourceIds");
            foreach (var id in resourceIds) w.Element("ResourceId", id);
            w.WriteEndElement();
        });
        var type = resourceType == TagResourceType.HealthCheck ? "healthcheck" : "hostedzone";
        var root = await SendAsync(Post("ListTagsForResources", $"/tags/{type}", body, safeToRepeat: true, isRead: true), cancellationToken)
            .ConfigureAwait(false);
        var result = resourceIds.Distinct().ToDictionary(id => id, _ => (IReadOnlyList<ResourceTag>)[], StringComparer.Ordinal);
        foreach (var set in root.Nodes("ResourceTagSets", "ResourceTagSet"))
            if (set.Child("ResourceId") is { } id)
                result[id] = set.Nodes("Tags", "Tag").Select(t => new ResourceTag(t.Required("Key"), t.Child("Value") ?? "")).ToList();
        return result;
    }

    private static string TagsPath(TagResourceType type, string id) =>
        $"/tags/{(type == TagResourceType.HealthCheck ? "healthcheck" : "hostedzone")}/{Route53Ids.Escape(id)}";

    private static System.Xml.Linq.XElement Required(System.Xml.Linq.XElement root, string name) =>
        root.Node(name) ?? throw new FormatException($"Route 53's <{root.Name.LocalName}> has no <{name}>.");
}
