namespace Failover.Local.Realism;

/// <summary>
/// Which Route 53 API operation a REST request is, from its method and path (the 2013-04-01 REST-XML API), with the
/// ids it carries. The layer counts, throttles and treats requests by operation.
/// </summary>
public sealed record Route53Operation(string Name, string? HostedZoneId = null, string? HealthCheckId = null, string? ChangeId = null)
{
    /// <summary>GetTrafficPolicy's <c>{Id}</c> and <c>{Version}</c>.</summary>
    public string? TrafficPolicyId { get; init; }
    public string? TrafficPolicyVersion { get; init; }

    public const string PathPrefix = "/2013-04-01/";

    public const string ChangeResourceRecordSets = nameof(ChangeResourceRecordSets);
    public const string ListResourceRecordSets = nameof(ListResourceRecordSets);
    public const string CreateHealthCheck = nameof(CreateHealthCheck);
    public const string DeleteHealthCheck = nameof(DeleteHealthCheck);
    public const string ListHealthChecks = nameof(ListHealthChecks);
    public const string GetChange = nameof(GetChange);
    public const string GetHealthCheckStatus = nameof(GetHealthCheckStatus);
    public const string CreateHostedZone = nameof(CreateHostedZone);
    public const string DeleteHostedZone = nameof(DeleteHostedZone);

    public static readonly IReadOnlySet<string> Known = new SortedSet<string>(StringComparer.Ordinal)
    {
        ChangeResourceRecordSets, ListResourceRecordSets, CreateHostedZone, "GetHostedZone", DeleteHostedZone,
        "ListHostedZones", "ListHostedZonesByName", CreateHealthCheck, "GetHealthCheck", "UpdateHealthCheck",
        DeleteHealthCheck, ListHealthChecks, GetHealthCheckStatus, "GetHealthCheckCount", GetChange,
        "ChangeTagsForResource", "ListTagsForResource", "ListTagsForResources", "CreateCidrCollection", "ChangeCidrCollection",
        "ListCidrCollections", "ListCidrLocations", "ListCidrBlocks", "DeleteCidrCollection",
        TrafficFlow.TrafficFlowEmulation.CreateTrafficPolicy, TrafficFlow.TrafficFlowEmulation.GetTrafficPolicy,
        TrafficFlow.TrafficFlowEmulation.CreateTrafficPolicyInstance, TrafficFlow.TrafficFlowEmulation.ListTrafficPolicyInstancesByPolicy,
        "Other",
    };

    public static bool IsRoute53Path(string path) => path.StartsWith(PathPrefix, StringComparison.Ordinal);

    public static Route53Operation Classify(string method, string path)
    {
        var segments = path[PathPrefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = method == "GET";
        var post = method == "POST";
        var delete = method == "DELETE";
        return segments switch
        {
            ["hostedzone"] when post => new(CreateHostedZone),
            ["hostedzone"] when get => new("ListHostedZones"),
            ["hostedzone", var zone] when get => new("GetHostedZone", zone),
            ["hostedzone", var zone] when delete => new(DeleteHostedZone, zone),
            ["hostedzone", var zone, "rrset"] when post => new(ChangeResourceRecordSets, zone),
            ["hostedzone", var zone, "rrset"] when get => new(ListResourceRecordSets, zone),
            ["hostedzonesbyname"] when get => new("ListHostedZonesByName"),
            ["healthcheck"] when post => new(CreateHealthCheck),
            ["healthcheck"] when get => new(ListHealthChecks),
            ["healthcheckcount"] when get => new("GetHealthCheckCount"),
            ["healthcheck", var check] when get => new("GetHealthCheck", HealthCheckId: check),
            ["healthcheck", var check] when post => new("UpdateHealthCheck", HealthCheckId: check),
            ["healthcheck", var check] when delete => new(DeleteHealthCheck, HealthCheckId: check),
            ["healthcheck", var check, "status"] when get => new(GetHealthCheckStatus, HealthCheckId: check),
            ["change", var change] when get => new(GetChange, ChangeId: change),
            ["tags", _, _] when post => new("ChangeTagsForResource"),
            ["tags", _, _] when get => new("ListTagsForResource"),
            ["tags", _] when post => new("ListTagsForResources"),
            ["cidrcollection"] when post => new("CreateCidrCollection"),
            ["cidrcollection"] when get => new("ListCidrCollections"),
            ["cidrcollection", _] when post => new("ChangeCidrCollection"),
            ["cidrcollection", _] when get => new("ListCidrLocations"),
            ["cidrcollection", _] when delete => new("DeleteCidrCollection"),
            ["cidrcollection", _, "cidrblocks"] when get => new("ListCidrBlocks"),
            ["trafficpolicy"] when post => new(TrafficFlow.TrafficFlowEmulation.CreateTrafficPolicy),
            ["trafficpolicy", var policy, var version] when get =>
                new(TrafficFlow.TrafficFlowEmulation.GetTrafficPolicy) { TrafficPolicyId = policy, TrafficPolicyVersion = version },
            ["trafficpolicyinstance"] when post => new(TrafficFlow.TrafficFlowEmulation.CreateTrafficPolicyInstance),
            ["trafficpolicyinstances", "trafficpolicy"] when get =>
                new(TrafficFlow.TrafficFlowEmulation.ListTrafficPolicyInstancesByPolicy),
            _ => new("Other"),
        };
    }
}
