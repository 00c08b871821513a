using System.Text.Json.Serialization;

namespace Failover.Core.Contracts;

// Route 53's own shapes, member for member as the AWS CLI takes them (botocore's route53 service model names each
// member: HealthCheckConfig, ChangeBatch, Change, ResourceRecordSet, GeoLocation, GeoProximityLocation, Coordinates,
// CidrRoutingConfig, ResourceRecord, AliasTarget; AZAffinity from the online API reference, being newer than that model).
// Names are fully qualified with the trailing dot, as Route 53 returns them.

/// <summary>The shape <c>aws route53 create-health-check --health-check-config</c> takes.</summary>
public sealed record HealthCheckConfigShape
{
    [JsonPropertyName("IPAddress")] public string? IpAddress { get; init; }
    [JsonPropertyName("Port")] public int? Port { get; init; }
    [JsonPropertyName("Type")] public string? Type { get; init; }
    [JsonPropertyName("ResourcePath")] public string? ResourcePath { get; init; }
    [JsonPropertyName("FullyQualifiedDomainName")] public string? FullyQualifiedDomainName { get; init; }
    [JsonPropertyName("SearchString")] public string? SearchString { get; init; }
    [JsonPropertyName("RequestInterval")] public int? RequestInterval { get; init; }
    [JsonPropertyName("FailureThreshold")] public int? FailureThreshold { get; init; }
    [JsonPropertyName("MeasureLatency")] public bool? MeasureLatency { get; init; }
    [JsonPropertyName("Inverted")] public bool? Inverted { get; init; }
    [JsonPropertyName("EnableSNI")] public bool? EnableSni { get; init; }
    [JsonPropertyName("Regions")] public IReadOnlyList<string>? Regions { get; init; }
    [JsonPropertyName("HealthThreshold")] public int? HealthThreshold { get; init; }
    [JsonPropertyName("ChildHealthChecks")] public IReadOnlyList<string>? ChildHealthChecks { get; init; }
    [JsonPropertyName("AlarmIdentifier")] public AlarmIdentifierShape? AlarmIdentifier { get; init; }
    [JsonPropertyName("InsufficientDataHealthStatus")] public string? InsufficientDataHealthStatus { get; init; }
    [JsonPropertyName("RoutingControlArn")] public string? RoutingControlArn { get; init; }
}

/// <summary>A CLOUDWATCH_METRIC check's alarm: <c>{"Region": …, "Name": …}</c>.</summary>
public sealed record AlarmIdentifierShape
{
    [JsonPropertyName("Region")] public string? Region { get; init; }
    [JsonPropertyName("Name")] public string? Name { get; init; }
}

/// <summary>The shape <c>aws route53 change-resource-record-sets --change-batch</c> takes.</summary>
public sealed record ChangeBatchShape
{
    [JsonPropertyName("Comment")] public string? Comment { get; init; }
    [JsonPropertyName("Changes")] public IReadOnlyList<ChangeShape>? Changes { get; init; }
}

public sealed record ChangeShape
{
    /// <summary>CREATE, UPSERT or DELETE.</summary>
    [JsonPropertyName("Action")] public string? Action { get; init; }
    [JsonPropertyName("ResourceRecordSet")] public ResourceRecordSetShape? ResourceRecordSet { get; init; }
}

public sealed record ResourceRecordSetShape
{
    [JsonPropertyName("Name")] public string? Name { get; init; }
    [JsonPropertyName("Type")] public string? Type { get; init; }
    [JsonPropertyName("SetIdentifier")] public string? SetIdentifier { get; init; }
    [JsonPropertyName("Weight")] public long? Weight { get; init; }
    [JsonPropertyName("Region")] public string? Region { get; init; }
    [JsonPropertyName("GeoLocation")] public GeoLocationShape? GeoLocation { get; init; }
    [JsonPropertyName("Failover")] public string? Failover { get; init; }
    [JsonPropertyName("MultiValueAnswer")] public bool? MultiValueAnswer { get; init; }
    [JsonPropertyName("TTL")] public long? Ttl { get; init; }
    [JsonPropertyName("ResourceRecords")] public IReadOnlyList<ResourceRecordShape>? ResourceRecords { get; init; }
    [JsonPropertyName("AliasTarget")] public AliasTargetShape? AliasTarget { get; init; }
    [JsonPropertyName("HealthCheckId")] public string? HealthCheckId { get; init; }
    [JsonPropertyName("CidrRoutingConfig")] public CidrRoutingConfigShape? CidrRoutingConfig { get; init; }
    [JsonPropertyName("GeoProximityLocation")] public GeoProximityLocationShape? GeoProximityLocation { get; init; }
    [JsonPropertyName("AZAffinity")] public AzAffinityShape? AzAffinity { get; init; }
}

/// <summary>API reference, AZAffinity (newer than the botocore model on this machine): LocationType and LocationId.</summary>
public sealed record AzAffinityShape
{
    [JsonPropertyName("LocationType")] public string? LocationType { get; init; }
    [JsonPropertyName("LocationId")] public string? LocationId { get; init; }
}

public sealed record GeoProximityLocationShape
{
    [JsonPropertyName("AWSRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("LocalZoneGroup")] public string? LocalZoneGroup { get; init; }
    [JsonPropertyName("Coordinates")] public CoordinatesShape? Coordinates { get; init; }
    [JsonPropertyName("Bias")] public int? Bias { get; init; }
}

public sealed record CoordinatesShape
{
    [JsonPropertyName("Latitude")] public string? Latitude { get; init; }
    [JsonPropertyName("Longitude")] public string? Longitude { get; init; }
}

public sealed record CidrRoutingConfigShape
{
    [JsonPropertyName("CollectionId")] public string? CollectionId { get; init; }
    [JsonPropertyName("LocationName")] public string? LocationName { get; init; }
}

public sealed record GeoLocationShape
{
    [JsonPropertyName("ContinentCode")] public string? ContinentCode { get; init; }
    [JsonPropertyName("CountryCode")] public string? CountryCode { get; init; }
    [JsonPropertyName("SubdivisionCode")] public string? SubdivisionCode { get; init; }
}

public sealed record ResourceRecordShape([property: JsonPropertyName("Value")] string? Value);

public sealed record AliasTargetShape
{
    [JsonPropertyName("HostedZoneId")] public string? HostedZoneId { get; init; }
    [JsonPropertyName("DNSName")] public string? DnsName { get; init; }
    [JsonPropertyName("EvaluateTargetHealth")] public bool? EvaluateTargetHealth { get; init; }
}

/// <summary>One member of <c>aws route53 change-cidr-collection --changes</c> (API reference, CidrCollectionChange).</summary>
public sealed record CidrCollectionChangeShape
{
    [JsonPropertyName("LocationName")] public string? LocationName { get; init; }
    [JsonPropertyName("Action")] public string? Action { get; init; }
    [JsonPropertyName("CidrList")] public IReadOnlyList<string>? CidrList { get; init; }
}

/// <summary>A location and its blocks, as CloudFormation's AWS::Route53::CidrCollection Location spells them.</summary>
public sealed record CidrLocationShape
{
    [JsonPropertyName("LocationName")] public string? LocationName { get; init; }
    [JsonPropertyName("CidrList")] public IReadOnlyList<string>? CidrList { get; init; }
}
