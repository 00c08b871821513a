using Failover.Core.Diagnostics;
using static Failover.Core.Tests.Validation.SpecDocument;

namespace Failover.Core.Tests.Validation;

/// <summary>CALCULATED, CLOUDWATCH_METRIC and RECOVERY_CONTROL checks, on examples/canary-alarm.json.</summary>
internal static class OtherKindRuleCases
{
    private const string AzA = "root.primary.children[0].endpoint.healthCheck";
    private const string AzAPath = "$." + AzA;
    private const string Dr1 = "root.secondary.primary.children[0].endpoint.healthCheck";
    private const string Dr1Path = "$." + Dr1;
    private const string Dr2 = "root.secondary.primary.children[1].endpoint.healthCheck";
    private const string Dr2Path = "$." + Dr2;

    public static IEnumerable<RuleCase> All() =>
    [
        new("alarm named", () => CanaryAlarm().Remove($"{AzA}.alarmName"), $"{AzAPath}.alarmName", "needs the alarm's alarmName",
            () => CanaryAlarm()),
        new("alarm region given", () => CanaryAlarm().Remove($"{AzA}.alarmRegion"), $"{AzAPath}.alarmRegion", "needs the region",
            () => CanaryAlarm()),
        new("alarm region a CloudWatch region", () => CanaryAlarm().Set($"{AzA}.alarmRegion", "\"mars-1\""), $"{AzAPath}.alarmRegion",
            "not a region Route 53 reads CloudWatch alarms in", () => CanaryAlarm().Set($"{AzA}.alarmRegion", "\"eu-central-2\"")),
        new("alarm name length", () => CanaryAlarm().Set($"{AzA}.alarmName", SpecDocument.Json(new string('a', 257))),
            $"{AzAPath}.alarmName",
            "1–256 characters", () => CanaryAlarm().Set($"{AzA}.alarmName", SpecDocument.Json(new string('a', 256)))),
        new("insufficient data status known", () => CanaryAlarm().Set($"{AzA}.insufficientDataHealthStatus", "\"Maybe\""),
            $"{AzAPath}.insufficientDataHealthStatus", "is not one of Healthy, Unhealthy, LastKnownStatus",
            () => CanaryAlarm().Set($"{AzA}.insufficientDataHealthStatus", "\"LastKnownStatus\"")),
        new("no endpoint fields on an alarm check", () => CanaryAlarm().Set($"{AzA}.port", "443"), $"{AzAPath}.port",
            "connects to no endpoint and has no port", () => CanaryAlarm()),
        new("no request interval on a routing control check", () => CanaryAlarm().Set($"{Dr1}.requestInterval", "10"),
            $"{Dr1Path}.requestInterval", "has no requestInterval", () => CanaryAlarm()),
        new("children only on CALCULATED checks", () => CanaryAlarm().Set($"{AzA}.children", """["az-b"]"""), $"{AzAPath}.children",
            "belongs to CALCULATED checks", () => CanaryAlarm()),
        new("alarm fields only on CLOUDWATCH_METRIC checks", () => CanaryAlarm().Set($"{Dr2}.alarmName", "\"x\""),
            $"{Dr2Path}.alarmName", "belongs to CLOUDWATCH_METRIC checks", () => CanaryAlarm()),
        new("routing control ARN given", () => CanaryAlarm().Remove($"{Dr1}.routingControlArn"), $"{Dr1Path}.routingControlArn",
            "needs the routingControlArn", () => CanaryAlarm()),
        new("routing control ARN is an ARN", () => CanaryAlarm().Set($"{Dr1}.routingControlArn", "\"switch-1\""),
            $"{Dr1Path}.routingControlArn", "starting arn:", () => CanaryAlarm()),
        new("calculated check has children", () => CanaryAlarm().Remove($"{Dr2}.children"), $"{Dr2Path}.children",
            "needs children", () => CanaryAlarm().Remove($"{Dr2}.children").Set($"{Dr2}.childHealthCheckIds", Json([Id(1)]))),
        new("child node exists", () => CanaryAlarm().Set($"{Dr2}.children", """["dr-9"]"""), $"{Dr2Path}.children[0]",
            "no node of this tree has the id dr-9", () => CanaryAlarm().Set($"{Dr2}.children", """["az-a"]""")),
        new("child node has a check of the tree", () => CanaryAlarm().Set($"{Dr2}.children", """["sorry"]"""),
            $"{Dr2Path}.children[0]", "has no health check this tree creates", () => CanaryAlarm()),
        new("calculated check not its own child", () => CanaryAlarm().Set($"{Dr2}.children", """["dr-2"]"""),
            $"{Dr2Path}.children[0]", "cannot be its own child", () => CanaryAlarm()),
        new("calculated checks without cycles",
            () => CanaryAlarm().Set(Dr1, """{ "type": "CALCULATED", "children": ["dr-2"] }"""), $"{Dr1Path}.children",
            "in a cycle (dr-1 → dr-2 → dr-1)", () => CanaryAlarm().Set(Dr1, """{ "type": "CALCULATED", "children": ["az-a"] }""")),
        new("child ids are health check ids", () => CanaryAlarm().Set($"{Dr2}.childHealthCheckIds", """["hc-1"]"""),
            $"{Dr2Path}.childHealthCheckIds[0]", "not a Route 53 health check id",
            () => CanaryAlarm().Set($"{Dr2}.childHealthCheckIds", Json([Id(7)]))),
        // The Quotas page's 255, below ChildHealthCheckList's 256 (dr-2 has one child node besides the ids).
        new("at most 255 children",
            () => CanaryAlarm().Set($"{Dr2}.childHealthCheckIds", Json(Enumerable.Range(1, 255).Select(Id).ToArray())),
            $"{Dr2Path}.children", "at most 255 children",
            () => CanaryAlarm().Set($"{Dr2}.childHealthCheckIds", Json(Enumerable.Range(1, 254).Select(Id).ToArray()))),
        new("health threshold range", () => CanaryAlarm().Set($"{Dr2}.healthThreshold", "257"), $"{Dr2Path}.healthThreshold",
            "healthThreshold is 0–256", () => CanaryAlarm().Set($"{Dr2}.healthThreshold", "0")),
        new("health threshold above the children", () => CanaryAlarm().Set($"{Dr2}.healthThreshold", "2"),
            $"{Dr2Path}.healthThreshold", "always considers this check unhealthy", () => CanaryAlarm().Set($"{Dr2}.healthThreshold", "1"),
            Severity.Warning),
    ];

    /// <summary>Checks on alias leaves and nested rules, on examples/rule-health-check.json.</summary>
    public static IEnumerable<RuleCase> OnNodes() =>
    [
        new("no check on the root rule", () => RuleHealthCheck().Set("root.healthCheckId", Json(Id(3))), "$.root.healthCheckId",
            "the root rule has no record of its own", () => RuleHealthCheck()),
        new("an endpoint's check inside its endpoint", () => RuleHealthCheck().Set("root.secondary.secondary.healthCheckId", Json(Id(3))),
            "$.root.secondary.secondary.healthCheckId", "belongs inside its endpoint object", () => RuleHealthCheck()),
        new("an alias check resolves an fqdn", () => RuleHealthCheck().Remove("root.secondary.primary.healthCheck.fqdn"),
            "$.root.secondary.primary.healthCheck.fqdn", "give the health check an fqdn", () => RuleHealthCheck()),
        new("an alias check has no address target", () => RuleHealthCheck().Set("root.secondary.primary.healthCheck.target", "\"address\""),
            "$.root.secondary.primary.healthCheck.target", "holds no address to check",
            () => RuleHealthCheck().Set("root.secondary.primary.healthCheck.target", "\"fqdn\"")),
        new("a rule check names existing ids", () => RuleHealthCheck().Set("root.primary.healthCheckId", "\"hc-1\""),
            "$.root.primary.healthCheckId", "not a Route 53 health check id",
            () => RuleHealthCheck().Remove("root.primary.healthCheck").Set("root.primary.healthCheckId", Json(Id(9)))),
        new("a rule's calculated check names nodes", () => RuleHealthCheck().Set("root.primary.healthCheck.children", """["az-c"]"""),
            "$.root.primary.healthCheck.children[0]", "no node of this tree has the id az-c",
            () => RuleHealthCheck().Set("root.primary.healthCheck.children", """["az-a", "euw1-alb"]""")),
    ];

    private static string Json(string text) => SpecDocument.Json(text);

    private static string Id(int n) => $"{n:x8}-0000-4000-8000-000000000000";

    private static string Json(string[] items) => "[" + string.Join(", ", items.Select(i => $"\"{i}\"")) + "]";
}
