using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks: each kind takes its own fields only, within Route 53's
/// limits (API reference, HealthCheckConfig and its member shapes), and connects to no endpoint.
/// </summary>
internal static class OtherKindRules
{
    /// <summary>
    /// Developer Guide, "Quotas" (Quotas on health checks): "Child health checks that a calculated health check can monitor:
    /// 255". The API reference's ChildHealthCheckList takes 256; the quota is the lower, so 255 is what Route 53 can hold.
    /// </summary>
    public const int MaxChildren = 255;
    /// <summary>API reference, HealthThreshold: 0–256.</summary>
    public const int MaxHealthThreshold = 256;
    /// <summary>API reference, AlarmName: 1–256 characters.</summary>
    public const int MaxAlarmName = 256;
    /// <summary>API reference, RoutingControlArn: 1–255 characters.</summary>
    public const int MaxRoutingControlArn = 255;

    /// <summary>The settings for endpoint checks, which a check that connects to nothing cannot take.</summary>
    private static readonly (string Field, Func<HealthCheckSettings, bool> IsSet)[] EndpointFields =
    [
        ("port", s => s.Port is not null), ("path", s => s.Path is not null), ("fqdn", s => s.Fqdn is not null),
        ("searchString", s => s.SearchString is not null), ("requestInterval", s => s.RequestInterval is not null),
        ("failureThreshold", s => s.FailureThreshold is not null), ("regions", s => s.Regions is not null),
        ("measureLatency", s => s.MeasureLatency is not null), ("enableSni", s => s.EnableSni is not null),
        ("target", s => s.Target is not null),
    ];

    /// <summary>The fields <paramref name="settings"/> itself sets, against <paramref name="type"/> (its own or the merged one).</summary>
    public static void CheckFields(ValidationContext context, HealthCheckSettings settings, string path, string? type)
    {
        var known = type is not null && AwsCatalog.HealthCheckTypes.Contains(type);
        var isOther = known && !HealthCheckConfig.IsEndpointType(type!);
        if (isOther)
            foreach (var (field, isSet) in EndpointFields)
                if (isSet(settings))
                    context.Error($"{path}.{field}", $"a {type} check connects to no endpoint and has no {field}: remove it "
                        + "(API reference, HealthCheckConfig)");

        // API reference, HealthCheckConfig: ChildHealthChecks and HealthThreshold are "(CALCULATED Health Checks Only)".
        Only(context, path, type, known, "CALCULATED", ("children", settings.Children is not null),
            ("childHealthCheckIds", settings.ChildHealthCheckIds is not null), ("healthThreshold", settings.HealthThreshold is not null));
        // API reference, HealthCheckConfig.Type: CLOUDWATCH_METRIC takes AlarmIdentifier and InsufficientDataHealthStatus.
        Only(context, path, type, known, "CLOUDWATCH_METRIC", ("alarmName", settings.AlarmName is not null),
            ("alarmRegion", settings.AlarmRegion is not null),
            ("insufficientDataHealthStatus", settings.InsufficientDataHealthStatus is not null));
        // API reference, HealthCheckConfig.RoutingControlArn: the routing control of a RECOVERY_CONTROL check.
        Only(context, path, type, known, "RECOVERY_CONTROL", ("routingControlArn", settings.RoutingControlArn is not null));

        var children = (settings.Children?.Count ?? 0) + (settings.ChildHealthCheckIds?.Count ?? 0);
        if (children > MaxChildren)
            context.Error($"{path}.children", $"a CALCULATED check has at most {MaxChildren} children (Developer Guide, Quotas: "
                + $"child health checks that a calculated health check can monitor); found {children}");
        if (settings.HealthThreshold is { } threshold && threshold is < 0 or > MaxHealthThreshold)
            context.Error($"{path}.healthThreshold", $"healthThreshold is 0–{MaxHealthThreshold} (API reference, HealthThreshold)");
        CheckDuplicates(context, settings.Children, $"{path}.children");
        CheckDuplicates(context, settings.ChildHealthCheckIds, $"{path}.childHealthCheckIds");
        if (settings.ChildHealthCheckIds is { } ids)
            for (var i = 0; i < ids.Count; i++)
                if (!EndpointRules.IsHealthCheckId(ids[i]))
                    context.Error($"{path}.childHealthCheckIds[{i}]",
                        $"\"{TreeFieldRules.Shown(ids[i])}\" is not a Route 53 health check id");
        if (settings.AlarmName is { } name && name.Length is 0 or > MaxAlarmName)
            context.Error($"{path}.alarmName", $"alarmName has 1–{MaxAlarmName} characters (API reference, AlarmName)");
        if (settings.AlarmRegion is { } region && !AwsCatalog.CloudWatchRegions.Contains(region))
            context.Error($"{path}.alarmRegion", $"\"{TreeFieldRules.Shown(region)}\" is not a region Route 53 reads CloudWatch alarms in "
                + "(API reference, CloudWatchRegion)");
        if (settings.InsufficientDataHealthStatus is { } status && !AwsCatalog.InsufficientDataHealthStatuses.Contains(status))
            context.Error($"{path}.insufficientDataHealthStatus", $"\"{TreeFieldRules.Shown(status)}\" is not one of "
                + $"{string.Join(", ", AwsCatalog.InsufficientDataHealthStatuses)} (API reference, InsufficientDataHealthStatus)");
        if (settings.RoutingControlArn is { } arn && (arn.Length is 0 or > MaxRoutingControlArn
            || !arn.StartsWith("arn:", StringComparison.Ordinal)))
            context.Error($"{path}.routingControlArn", $"routingControlArn is the ARN of a routing control, 1–{MaxRoutingControlArn} "
                + "characters starting arn: (API reference, RoutingControlArn)");
    }

    /// <summary>A leaf's merged settings make a complete check of its kind.</summary>
    public static void CheckComplete(ValidationContext context, HealthCheckSettings merged, string path)
    {
        switch (merged.Type)
        {
            case "CALCULATED":
                var children = (merged.Children?.Count ?? 0) + (merged.ChildHealthCheckIds?.Count ?? 0);
                if (children == 0)
                    context.Error($"{path}.children", "a CALCULATED check needs children: node ids in children, or childHealthCheckIds");
                // API reference, HealthThreshold: "If you specify a number greater than the number of child health checks,
                // Route 53 always considers this health check to be unhealthy."
                else if (merged.HealthThreshold is { } threshold && threshold > children)
                    context.Warning($"{path}.healthThreshold", $"healthThreshold {threshold} is more than the {children} children: "
                        + "Route 53 always considers this check unhealthy");
                break;
            case "CLOUDWATCH_METRIC":
                // API reference, AlarmIdentifier: Region and Name are both required.
                if (merged.AlarmName is null) context.Error($"{path}.alarmName", "a CLOUDWATCH_METRIC check needs the alarm's alarmName");
                if (merged.AlarmRegion is null)
                    context.Error($"{path}.alarmRegion", "a CLOUDWATCH_METRIC check needs the region of its alarm (alarmRegion)");
                break;
            case "RECOVERY_CONTROL":
                if (merged.RoutingControlArn is null)
                    context.Error($"{path}.routingControlArn",
                        "a RECOVERY_CONTROL check needs the routingControlArn of its routing control");
                break;
        }
    }

    private static void Only(ValidationContext context, string path, string? type, bool known, string kind,
        params (string Field, bool IsSet)[] fields)
    {
        if (!known || type == kind) return;
        foreach (var (field, isSet) in fields)
            if (isSet) context.Error($"{path}.{field}", $"{field} belongs to {kind} checks; this check is {type}");
    }

    private static void CheckDuplicates(ValidationContext context, IReadOnlyList<string>? items, string path)
    {
        if (items is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
            if (!seen.Add(items[i])) context.Error($"{path}[{i}]", $"{items[i]} is listed twice");
    }
}
