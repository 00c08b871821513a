using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Contracts;

/// <summary>
/// The plan to and from its <see cref="PlanDocument"/>: health check configs in the exact shape
/// <c>aws route53 create-health-check --health-check-config</c> takes and change batches in the exact shape
/// <c>aws route53 change-resource-record-sets --change-batch</c> takes, so any layer can be replayed by hand. Reading
/// gives back the plan that was written (names lose the trailing dot the wire adds, as the core holds them); a document
/// that is not a written plan throws <see cref="FormatException"/> naming the JSON path.
/// The writing half is here, the reading half in PlanJson.Reader.cs.
/// </summary>
public static partial class PlanJson
{
    public static string Write(Plan plan, bool indented = true) => WireJson.Write(ToDocument(plan), indented);

    public static PlanDocument ToDocument(Plan plan) => new()
    {
        Tree = plan.Tree,
        HostedZoneId = plan.HostedZoneId,
        Layers = plan.Layers.Select(ToDocument).ToList(),
        Conflicts = plan.Conflicts.Count == 0
            ? null
            : plan.Conflicts
                .Select(c => new PlanConflictDocument(FullyQualified(c.Key.Name), c.Key.Type, c.Key.SetIdentifier, c.Reason)
                {
                    HostedZoneId = c.Key.Zone,
                }).ToList(),
        Summary = new PlanSummaryDocument(plan.Summary.RecordsCreated, plan.Summary.RecordsUpdated, plan.Summary.RecordsDeleted,
            plan.Summary.HealthChecksCreated, plan.Summary.HealthChecksDeleted, plan.Summary.ExistingRecords)
        {
            CidrCollectionsChanged = plan.Summary.CidrCollectionsChanged > 0 ? plan.Summary.CidrCollectionsChanged : null,
        },
        Claims = plan.Claims.IsEmpty
            ? null
            : new PlanClaimsDocument(
                plan.Claims.Records.Select(k => new RecordKeyDocument(FullyQualified(k.Name), k.Type, k.SetIdentifier)).ToList(),
                plan.Claims.HealthChecks.Select(c => new HealthCheckClaimDocument(c.NodeId, c.HealthCheckId)).ToList())
            {
                RecordZones = plan.Claims.Records.Any(k => k.Zone is not null) ? plan.Claims.Records.Select(k => k.Zone).ToList() : null,
            },
    };

    private static PlanLayerDocument ToDocument(PlanLayer layer) => layer.Kind switch
    {
        PlanLayerKind.HealthChecks => new PlanLayerDocument
        {
            Name = layer.Name,
            HealthChecks = layer.HealthChecks
                .Select(c => new PlannedHealthCheckDocument(c.NodeId, c.CallerReference, ToShape(c.Config))).ToList(),
        },
        PlanLayerKind.Records => new PlanLayerDocument
        {
            Name = layer.Name,
            ChangeBatches = layer.ChangeBatches.Select(ToShape).ToList(),
            ChangeNodeIds = layer.ChangeBatches.Any(b => b.Changes.Any(c => c.NodeId is not null))
                ? layer.ChangeBatches.Select(b => (IReadOnlyList<string?>)b.Changes.Select(c => c.NodeId).ToList()).ToList()
                : null,
            ChangeBatchZones = layer.ChangeBatches.Any(b => b.HostedZoneId is not null)
                ? layer.ChangeBatches.Select(b => b.HostedZoneId).ToList()
                : null,
        },
        PlanLayerKind.HealthCheckAlarms => new PlanLayerDocument
        {
            Name = layer.Name,
            PutHealthCheckAlarms = layer.HealthCheckAlarms
                .Select(a => new PlannedHealthCheckAlarmDocument(a.NodeId, a.HealthCheckId, a.NamePrefix)).ToList(),
        },
        PlanLayerKind.CidrCollections => new PlanLayerDocument
        {
            Name = layer.Name,
            CidrCollections = layer.CidrCollections.Select(ToDocument).ToList(),
        },
        PlanLayerKind.CidrCollectionCleanup => new PlanLayerDocument
        {
            Name = layer.Name,
            CidrCollectionCleanup = layer.CidrCollections.Select(ToDocument).ToList(),
        },
        _ => new PlanLayerDocument
        {
            Name = layer.Name,
            DeleteHealthChecks = layer.HealthCheckDeletions
                .Select(d => new HealthCheckDeletionDocument(d.HealthCheckId, d.NodeId)
                {
                    AlarmName = d.AlarmName, AlarmOnly = d.AlarmOnly ? true : null,
                }).ToList(),
        },
    };

    private static PlannedCidrCollectionDocument ToDocument(PlannedCidrCollection collection) => new()
    {
        Name = collection.Name,
        RuleId = collection.RuleId,
        CallerReference = collection.CallerReference.Length > 0 ? collection.CallerReference : null,
        Id = collection.Id,
        CollectionVersion = collection.Version,
        Locations = collection.Locations?.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new CidrLocationShape { LocationName = l.Key, CidrList = l.Value }).ToList(),
        Delete = collection.Deletes ? true : null,
        Changes = collection.Changes
            .Select(c => new CidrCollectionChangeShape { LocationName = c.LocationName, Action = c.ActionName, CidrList = c.Blocks })
            .ToList(),
    };

    /// <summary>
    /// The other kinds carry only their own members, as <c>aws route53 create-health-check</c> takes them: no interval,
    /// threshold or port (API reference, HealthCheckConfig).
    /// </summary>
    public static HealthCheckConfigShape ToShape(HealthCheckConfig config) => !config.IsEndpointCheck ? new()
    {
        Type = config.Type,
        Inverted = config.Inverted,
        HealthThreshold = config.HealthThreshold,
        ChildHealthChecks = config.Type == "CALCULATED" ? config.ChildHealthChecks : null,
        AlarmIdentifier = config.AlarmIdentifier is { } alarm
            ? new AlarmIdentifierShape { Region = alarm.Region, Name = alarm.Name } : null,
        InsufficientDataHealthStatus = config.InsufficientDataHealthStatus,
        RoutingControlArn = config.RoutingControlArn,
    } : new()
    {
        IpAddress = config.IpAddress,
        Port = config.Port,
        Type = config.Type,
        ResourcePath = config.ResourcePath,
        FullyQualifiedDomainName = config.FullyQualifiedDomainName,
        SearchString = config.SearchString,
        RequestInterval = config.RequestInterval,
        FailureThreshold = config.FailureThreshold,
        MeasureLatency = config.MeasureLatency,
        Inverted = config.Inverted,
        EnableSni = config.EnableSni,
        Regions = config.Regions.Count > 0 ? config.Regions : null,
    };

    public static ChangeBatchShape ToShape(ChangeBatch batch) => new()
    {
        Comment = batch.Comment,
        Changes = batch.Changes
            .Select(c => new ChangeShape { Action = c.Action.ToString().ToUpperInvariant(), ResourceRecordSet = ToShape(c.RecordSet) })
            .ToList(),
    };

    public static ResourceRecordSetShape ToShape(ResourceRecordSet record) => new()
    {
        Name = FullyQualified(record.Name),
        Type = record.Type,
        SetIdentifier = record.SetIdentifier,
        Weight = record.Weight,
        Region = record.Region,
        GeoLocation = record.GeoLocation is { } geo
            ? new GeoLocationShape
            {
                ContinentCode = geo.ContinentCode, CountryCode = geo.CountryCode, SubdivisionCode = geo.SubdivisionCode,
            }
            : null,
        Failover = record.Failover,
        MultiValueAnswer = record.MultiValueAnswer,
        // Alias records take their TTL from the target; Route 53 rejects one that carries its own.
        Ttl = record.AliasTarget is null ? record.Ttl : null,
        ResourceRecords = record.AliasTarget is null && record.ResourceRecords.Count > 0
            ? record.ResourceRecords.Select(v => new ResourceRecordShape(v)).ToList()
            : null,
        AliasTarget = record.AliasTarget is { } alias
            ? new AliasTargetShape
            {
                HostedZoneId = alias.HostedZoneId,
                DnsName = FullyQualified(alias.DnsName),
                EvaluateTargetHealth = alias.EvaluateTargetHealth,
            }
            : null,
        HealthCheckId = record.HealthCheckId,
        CidrRoutingConfig = record.CidrRoutingConfig is { } cidr
            ? new CidrRoutingConfigShape { CollectionId = cidr.CollectionId, LocationName = cidr.LocationName }
            : null,
        GeoProximityLocation = record.GeoProximityLocation is { } place
            ? new GeoProximityLocationShape
            {
                AwsRegion = place.AwsRegion,
                LocalZoneGroup = place.LocalZoneGroup,
                Coordinates = place.Latitude is null && place.Longitude is null
                    ? null : new CoordinatesShape { Latitude = place.Latitude, Longitude = place.Longitude },
                Bias = place.Bias,
            }
            : null,
        AzAffinity = record.AzAffinity is { } az
            ? new AzAffinityShape { LocationType = az.LocationType, LocationId = az.LocationId }
            : null,
    };

    /// <summary>Route 53 names on the wire are fully qualified: with the trailing dot.</summary>
    public static string FullyQualified(string name) => name.EndsWith('.') ? name : name + ".";
}
