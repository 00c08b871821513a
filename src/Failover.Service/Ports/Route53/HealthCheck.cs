using Failover.Core.Route53;

namespace Failover.Service.Ports.Route53;

/// <summary>A health check as Route 53 holds it. <see cref="Version"/> goes up with every update.</summary>
public sealed record HealthCheck(string Id, string CallerReference, HealthCheckConfig Config, long Version);

/// <summary>One page of ListHealthChecks; <see cref="NextMarker"/> is null on the last page.</summary>
public sealed record HealthCheckPage(IReadOnlyList<HealthCheck> HealthChecks, string? NextMarker);

/// <summary>What one Route 53 checker saw (GetHealthCheckStatus): <see cref="Status"/> is its report, e.g. "Success: HTTP Status Code 200,
/// OK".</summary>
public sealed record HealthCheckObservation(string? Region, string? IpAddress, string? Status, DateTimeOffset? CheckedTime);

/// <summary>A tag on a Route 53 resource.</summary>
public sealed record ResourceTag(string Key, string Value);

/// <summary>The kinds of resource Route 53 tags.</summary>
public enum TagResourceType
{
    HealthCheck,
    HostedZone,
}
