using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Contracts;

/// <summary>
/// The plan to and from its <see cref="PlanDocument"/>: health check configs in the exact shape
/// <c>aws route53 create-health-check --health-check-config</c> takes and change batches in the exact shape
/// <c>aws route53 change-resource-record-sets --change-batch</c> takes, so any layer can be replayed by hand. Reading
/// gives back the plan that was written (names lose the trailing dot the wire adds, as the core holds them); a document
/// that is not a written plan throws <see cref="FormatException"/> naming the JSON path.
/// </summary>
public static class PlanJson
{
    public static string Write(Plan plan, bool indented = true) => WireJson.Write(ToDocument(plan), indented);

    public static Plan Read(string json) => ToPlan(WireJson.Read<PlanDocument>(json, "a stored plan", "$: expected an object"));

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

    /// <summary>Route 53 names on the wire are fully qualified: with the trailing dot.</summary>
    public static string FullyQualified(string name) => name.EndsWith('.') ? name : name + ".";

    private static string Unqualified(string name) => name.EndsWith('.') ? name[..^1] : name;

    private static T Required<T>(T? value, string path) where T : class => value ?? throw new FormatException($"{path}: missing");
}
