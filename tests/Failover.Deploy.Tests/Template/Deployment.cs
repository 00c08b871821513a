namespace Failover.Deploy.Tests.Template;

/// <summary>Where a stack is imagined deployed: what the pseudo parameters and the template's parameters are.</summary>
public sealed record Deployment
{
    public string Partition { get; init; } = "aws";
    public string Region { get; init; } = "us-east-1";
    public string AccountId { get; init; } = "123456789012";
    public string StackName { get; init; } = "failover";

    /// <summary>Parameter values by name (a List&lt;…&gt; parameter comma-separated, as CloudFormation takes it); the rest keep their
    /// defaults.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public string UrlSuffix => Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";

    public static Deployment WithZones(params string[] zoneIds) =>
        new() { Parameters = new Dictionary<string, string> { ["AllowedHostedZoneIds"] = string.Join(',', zoneIds) } };
}
