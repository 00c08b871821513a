using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Contracts;

// Reading a plan document back into the plan that was written: every field checked, and anything missing or out of shape
// thrown as a FormatException naming its JSON path ($.layers[2].changeBatches[0]…). The type's summary is on its writing half.
public static partial class PlanJson
{
    public static Plan Read(string json) => ToPlan(WireJson.Read<PlanDocument>(json, "a stored plan", "$: expected an object"));

    private static PlannedCidrCollection ToCidrCollection(PlannedCidrCollectionDocument? document, string path)
    {
        document = Required(document, path);
        IReadOnlyDictionary<string, IReadOnlyList<string>>? locations = document.Delete == true ? null
            : (document.Locations ?? []).Select((l, i) => Required(l, $"{path}.locations[{i}]")).ToDictionary(
                l => Required(l.LocationName, path + ".locations.LocationName"), l => (IReadOnlyList<string>)(l.CidrList ?? []),
                StringComparer.Ordinal);
        var changes = (document.Changes ?? []).Select((c, i) =>
        {
            var at = $"{path}.changes[{i}]";
            c = Required(c, at);
            var action = Required(c.Action, at + ".Action") switch
            {
                "PUT" => CidrChangeAction.Put,
                "DELETE_IF_EXISTS" => CidrChangeAction.DeleteIfExists,
                var other => throw new FormatException($"{at}.Action: '{other}' is not PUT or DELETE_IF_EXISTS"),
            };
            return new CidrCollectionChange(Required(c.LocationName, at + ".LocationName"), action, c.CidrList ?? []);
        }).ToList();
        return new PlannedCidrCollection(Required(document.Name, path + ".name"), document.RuleId, document.CallerReference ?? "",
            document.Id, document.CollectionVersion, locations, changes);
    }

    public static Plan ToPlan(PlanDocument document)
    {
        var layers = Required(document.Layers, "$.layers").Select((layer, i) => ToLayer(layer, $"$.layers[{i}]")).ToList();
        return new Plan(Required(document.Tree, "$.tree"), Required(document.HostedZoneId, "$.hostedZoneId"), layers)
        {
            Conflicts = (document.Conflicts ?? []).Select((conflict, i) =>
            {
                var at = $"$.conflicts[{i}]";
                return new PlanConflict(
                    new RecordKey(
                        Unqualified(Required(conflict.Name, at + ".name")), Required(conflict.Type, at + ".type"), conflict.SetIdentifier)
                    {
                        Zone = conflict.HostedZoneId,
                    },
                    Required(conflict.Reason, at + ".reason"));
            }).ToList(),
            Summary = document.Summary is { } s
                ? new PlanSummary(
                    s.RecordsCreated, s.RecordsUpdated, s.RecordsDeleted, s.HealthChecksCreated, s.HealthChecksDeleted, s.ExistingRecords)
                {
                    CidrCollectionsChanged = s.CidrCollectionsChanged ?? 0,
                }
                : PlanSummary.Empty,
            Claims = document.Claims is { } claims ? ToClaims(claims) : PlanClaims.None,
        };
    }

    private static PlanClaims ToClaims(PlanClaimsDocument claims)
    {
        var records = (claims.Records ?? []).Select((record, i) =>
        {
            var at = $"$.claims.records[{i}]";
            record = Required(record, at);
            return new RecordKey(Unqualified(Required(record.Name, at + ".name")), Required(record.Type, at + ".type"),
                record.SetIdentifier);
        }).ToList();
        if (claims.RecordZones is { } zones)
        {
            if (zones.Count != records.Count)
                throw new FormatException($"$.claims.recordZones has {zones.Count} entries for {records.Count} claimed records");
            records = records.Select((key, i) => key with { Zone = zones[i] }).ToList();
        }
        return new PlanClaims(records,
            (claims.HealthChecks ?? []).Select((check, i) =>
            {
                var at = $"$.claims.healthChecks[{i}]";
                check = Required(check, at);
                return new HealthCheckClaim(Required(check.NodeId, at + ".nodeId"), Required(check.HealthCheckId, at + ".healthCheckId"));
            }).ToList());
    }

    private static PlanLayer ToLayer(PlanLayerDocument? layer, string path)
    {
        layer = Required(layer, path);
        var name = Required(layer.Name, path + ".name");
        if (layer.HealthChecks is { } checks)
            return new PlanLayer(name, PlanLayerKind.HealthChecks)
            {
                HealthChecks = checks.Select((check, i) =>
                {
                    var at = $"{path}.healthChecks[{i}]";
                    check = Required(check, at);
                    return new PlannedHealthCheck(
                        Required(check.NodeId, at + ".nodeId"), Required(check.CallerReference, at + ".callerReference"),
                        ToConfig(Required(check.HealthCheckConfig, at + ".healthCheckConfig"), at + ".healthCheckConfig"));
                }).ToList(),
            };
        if (layer.ChangeBatches is { } batches)
            return new PlanLayer(name, PlanLayerKind.Records)
            {
                ChangeBatches = batches.Select((batch, i) =>
                {
                    var at = $"{path}.changeBatches[{i}]";
                    return InZone(ToChangeBatch(Required(batch, at), at, layer.ChangeNodeIds?.ElementAtOrDefault(i)),
                        layer.ChangeBatchZones?.ElementAtOrDefault(i));
                }).ToList(),
            };
        if (layer.DeleteHealthChecks is { } deletions)
            return new PlanLayer(name, PlanLayerKind.HealthCheckCleanup)
            {
                HealthCheckDeletions = deletions.Select((deletion, i) =>
                {
                    var at = $"{path}.deleteHealthChecks[{i}]";
                    return new HealthCheckDeletion(Required(Required(deletion, at).HealthCheckId, at + ".healthCheckId"), deletion.NodeId)
                    {
                        AlarmName = deletion.AlarmName,
                        AlarmOnly = deletion.AlarmOnly == true,
                    };
                }).ToList(),
            };
        if (layer.PutHealthCheckAlarms is { } alarms)
            return new PlanLayer(name, PlanLayerKind.HealthCheckAlarms)
            {
                HealthCheckAlarms = alarms.Select((alarm, i) =>
                {
                    var at = $"{path}.putHealthCheckAlarms[{i}]";
                    alarm = Required(alarm, at);
                    return new PlannedHealthCheckAlarm(Required(alarm.NodeId, at + ".nodeId"), alarm.HealthCheckId,
                        Required(alarm.AlarmNamePrefix, at + ".alarmNamePrefix"));
                }).ToList(),
            };
        if (layer.CidrCollections is { } collections)
            return new PlanLayer(name, PlanLayerKind.CidrCollections)
            {
                CidrCollections = collections.Select((c, i) => ToCidrCollection(c, $"{path}.cidrCollections[{i}]")).ToList(),
            };
        if (layer.CidrCollectionCleanup is { } cleanup)
            return new PlanLayer(name, PlanLayerKind.CidrCollectionCleanup)
            {
                CidrCollections = cleanup.Select((c, i) => ToCidrCollection(c, $"{path}.cidrCollectionCleanup[{i}]")).ToList(),
            };
        throw new FormatException(
            $"{path}: a layer needs healthChecks, changeBatches, deleteHealthChecks, putHealthCheckAlarms, cidrCollections or "
            + "cidrCollectionCleanup");
    }

    /// <summary>A batch of another zone than the tree's: its records carry the zone as the planner gave it them.</summary>
    private static ChangeBatch InZone(ChangeBatch batch, string? zone) => zone is null ? batch : batch with
    {
        HostedZoneId = zone,
        Changes = batch.Changes.Select(c => c with { RecordSet = c.RecordSet with { Zone = zone } }).ToList(),
    };

    public static ChangeBatch ToChangeBatch(ChangeBatchShape batch, string path, IReadOnlyList<string?>? nodeIds = null)
    {
        var changes = Required(batch.Changes, path + ".Changes").Select((change, i) =>
        {
            var at = $"{path}.Changes[{i}]";
            change = Required(change, at);
            var action = Required(change.Action, at + ".Action") switch
            {
                "CREATE" => ChangeAction.Create,
                "UPSERT" => ChangeAction.Upsert,
                "DELETE" => ChangeAction.Delete,
                var other => throw new FormatException($"{at}.Action: '{other}' is not CREATE, UPSERT or DELETE"),
            };
            var nodeId = nodeIds is not null && i < nodeIds.Count ? nodeIds[i] : null;
            var record = ToRecordSet(Required(change.ResourceRecordSet, at + ".ResourceRecordSet"), at + ".ResourceRecordSet");
            return new RecordChange(action, record, nodeId);
        }).ToList();
        return new ChangeBatch(changes, batch.Comment);
    }

    public static ResourceRecordSet ToRecordSet(ResourceRecordSetShape record, string path) => new()
    {
        Name = Unqualified(Required(record.Name, path + ".Name")),
        Type = Required(record.Type, path + ".Type"),
        SetIdentifier = record.SetIdentifier,
        Weight = record.Weight,
        Region = record.Region,
        GeoLocation = record.GeoLocation is { } geo ? new GeoLocation(geo.ContinentCode, geo.CountryCode, geo.SubdivisionCode) : null,
        Failover = record.Failover,
        MultiValueAnswer = record.MultiValueAnswer,
        Ttl = record.Ttl,
        ResourceRecords = (record.ResourceRecords ?? [])
            .Select((value, i) => Required(Required(value, $"{path}.ResourceRecords[{i}]").Value, $"{path}.ResourceRecords[{i}].Value"))
            .ToList(),
        AliasTarget = record.AliasTarget is { } alias
            ? new AliasTarget(
                Required(alias.HostedZoneId, path + ".AliasTarget.HostedZoneId"),
                Unqualified(Required(alias.DnsName, path + ".AliasTarget.DNSName")),
                alias.EvaluateTargetHealth ?? throw new FormatException($"{path}.AliasTarget.EvaluateTargetHealth: expected true or false"))
            : null,
        HealthCheckId = record.HealthCheckId,
        CidrRoutingConfig = record.CidrRoutingConfig is { } cidr
            ? new CidrRoutingConfig(Required(cidr.CollectionId, path + ".CidrRoutingConfig.CollectionId"),
                Required(cidr.LocationName, path + ".CidrRoutingConfig.LocationName"))
            : null,
        GeoProximityLocation = record.GeoProximityLocation is { } place
            ? new GeoProximityLocation(place.AwsRegion, place.LocalZoneGroup, place.Coordinates?.Latitude, place.Coordinates?.Longitude,
                place.Bias)
            : null,
        AzAffinity = record.AzAffinity is { } az
            ? new AzAffinity(Required(az.LocationType, path + ".AZAffinity.LocationType"),
                Required(az.LocationId, path + ".AZAffinity.LocationId"))
            : null,
    };

    public static HealthCheckConfig ToConfig(HealthCheckConfigShape config, string path) => new()
    {
        IpAddress = config.IpAddress,
        Port = config.Port,
        Type = Required(config.Type, path + ".Type"),
        ResourcePath = config.ResourcePath,
        FullyQualifiedDomainName = config.FullyQualifiedDomainName,
        SearchString = config.SearchString,
        // Route 53's defaults when a config leaves them out (API reference, HealthCheckConfig).
        RequestInterval = config.RequestInterval ?? 30,
        FailureThreshold = config.FailureThreshold ?? 3,
        MeasureLatency = config.MeasureLatency ?? false,
        Inverted = config.Inverted ?? false,
        EnableSni = config.EnableSni,
        Regions = config.Regions ?? [],
        ChildHealthChecks = config.ChildHealthChecks ?? [],
        HealthThreshold = config.HealthThreshold,
        AlarmIdentifier = config.AlarmIdentifier is { } alarm
            ? new AlarmIdentifier(Required(alarm.Region, path + ".AlarmIdentifier.Region"),
                Required(alarm.Name, path + ".AlarmIdentifier.Name"))
            : null,
        InsufficientDataHealthStatus = config.InsufficientDataHealthStatus,
        RoutingControlArn = config.RoutingControlArn,
    };

    private static string Unqualified(string name) => name.EndsWith('.') ? name[..^1] : name;

    private static T Required<T>(T? value, string path) where T : class => value ?? throw new FormatException($"{path}: missing");
}
