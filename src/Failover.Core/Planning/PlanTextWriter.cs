using System.Text;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>The plan for people: a headline, any conflicts, then one table per layer in the order they run.</summary>
public static class PlanTextWriter
{
    public static string Write(Plan plan)
    {
        var text = new StringBuilder();
        text.Append("Plan for tree '").Append(plan.Tree).Append("' in hosted zone ").Append(plan.HostedZoneId).Append('\n');
        text.Append(plan.Summary).Append('\n');
        if (plan.Attachments.Count > 0) AppendAttachments(text, plan);
        if (plan.Conflicts.Count > 0)
        {
            text.Append("\nConflicts (the plan cannot be applied until they are resolved; nothing is changed):\n");
            foreach (var conflict in plan.Conflicts) text.Append("  ").Append(conflict).Append('\n');
        }
        if (!plan.Claims.IsEmpty) text.Append("Adoption: ").Append(plan.Claims).Append('\n');
        if (plan.IsEmpty)
        {
            text.Append("\nNothing to change: Route 53 already matches the tree.\n");
            return text.ToString();
        }

        // A plan of one zone reads as it always has; one that writes in several labels each layer's batches by zone.
        var spansZones = plan.Layers.SelectMany(l => l.ChangeBatches).Any(b => b.ZoneOr(plan.HostedZoneId) != plan.HostedZoneId);
        var number = 0;
        foreach (var layer in plan.Layers)
        {
            text.Append('\n').Append(++number).Append(". ").Append(layer.Name);
            switch (layer.Kind)
            {
                case PlanLayerKind.HealthChecks:
                    text.Append(" (").Append(layer.HealthChecks.Count).Append(" to create)\n");
                    AppendTable(text, ["ACTION", "NODE", "CHECK", "CALLER REFERENCE"],
                        layer.HealthChecks.Select(h => new[] { "CREATE", h.NodeId, Describe(h.Config), h.CallerReference }));
                    break;
                case PlanLayerKind.Records:
                    text.Append(" (").Append(Batches(layer.ChangeBatches)).Append(")\n");
                    if (!spansZones)
                    {
                        AppendChanges(text, layer.ChangeBatches);
                        break;
                    }
                    // A request changes one hosted zone (API reference, ChangeResourceRecordSets: Id): one table per zone.
                    foreach (var inZone in layer.ChangeBatches.GroupBy(b => b.ZoneOr(plan.HostedZoneId))
                                 .OrderBy(g => g.Key == plan.HostedZoneId ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
                    {
                        text.Append("  in hosted zone ").Append(inZone.Key).Append(" (").Append(Batches([.. inZone])).Append("):\n");
                        AppendChanges(text, [.. inZone]);
                    }
                    break;
                case PlanLayerKind.CidrCollections or PlanLayerKind.CidrCollectionCleanup:
                    text.Append(" (").Append(layer.CidrCollections.Count).Append(layer.CidrCollections.Count == 1
                        ? " CIDR collection)\n" : " CIDR collections)\n");
                    AppendTable(text, ["ACTION", "COLLECTION", "RULE", "CHANGES"],
                        layer.CidrCollections.Select(c => new[]
                        {
                            c.Deletes ? "DELETE" : c.Id is null ? "CREATE" : "CHANGE", c.Name, c.RuleId ?? "-",
                            c.Changes.Count == 0 ? "-"
                                : string.Join("; ",
                                    c.Changes.Select(ch => $"{ch.ActionName} {ch.LocationName} {string.Join(",", ch.Blocks)}")),
                        }));
                    break;
                case PlanLayerKind.HealthCheckCleanup:
                    text.Append(" (").Append(layer.HealthCheckDeletions.Count).Append(" to delete)\n");
                    AppendTable(text, ["ACTION", "HEALTH CHECK", "NODE", "ALARM"],
                        layer.HealthCheckDeletions.Select(d =>
                            new[] { d.AlarmOnly ? "DELETE ALARM" : "DELETE", d.HealthCheckId, d.NodeId ?? "-", d.AlarmName ?? "-" }));
                    break;
                case PlanLayerKind.HealthCheckAlarms:
                    text.Append(" (").Append(layer.HealthCheckAlarms.Count).Append(" to put)\n");
                    AppendTable(text, ["ACTION", "NODE", "ALARM"],
                        layer.HealthCheckAlarms.Select(a => new[]
                        {
                            "PUT", a.NodeId, a.NamePrefix + (a.HealthCheckId ?? "<the node's new check>"),
                        }));
                    break;
            }
        }
        return text.ToString();
    }

    /// <summary>"N changes in M batches".</summary>
    private static string Batches(IReadOnlyList<ChangeBatch> batches)
    {
        var changes = batches.Sum(b => b.Changes.Count);
        return $"{changes}{(changes == 1 ? " change in " : " changes in ")}{batches.Count}{(batches.Count == 1 ? " batch" : " batches")}";
    }

    private static void AppendChanges(StringBuilder text, IReadOnlyList<ChangeBatch> batches) =>
        AppendTable(text, ["ACTION", "NAME", "TYPE", "SET ID", "ROUTING", "TARGET / VALUES", "HEALTH CHECK"],
            batches.SelectMany(b => b.Changes).Select(c => new[]
            {
                c.Action.ToString().ToUpperInvariant(), c.RecordSet.Name, c.RecordSet.Type, c.RecordSet.SetIdentifier ?? "-",
                Routing(c.RecordSet), Target(c.RecordSet), c.RecordSet.HealthCheckId ?? "-",
            }));

    /// <summary>One row per attachment: what the plan changes at its name and its helper names (a name no attachment holds
    /// any more: an attachment removed or moved).</summary>
    private static void AppendAttachments(StringBuilder text, Plan plan)
    {
        var changes = plan.Layers.SelectMany(l => l.ChangeBatches).SelectMany(b => b.Changes).ToList();
        string? OwnerOf(string name) => plan.Attachments.Select(a => a.RecordName)
            .Where(r => name == r || name.EndsWith("." + r, StringComparison.Ordinal)).MaxBy(r => r.Length);
        string Counts(IEnumerable<RecordChange> at)
        {
            var list = at.ToList();
            if (list.Count == 0) return "no change";
            return string.Join(", ", list.GroupBy(c => c.Action).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToUpperInvariant()}"));
        }
        text.Append("\nAttachments:\n");
        var rows = plan.Attachments.Select(a => new[]
        {
            a.RecordName, a.HostedZoneId, Counts(changes.Where(c => OwnerOf(c.RecordSet.Name) == a.RecordName)),
        }).ToList();
        var elsewhere = changes.Where(c => OwnerOf(c.RecordSet.Name) is null).ToList();
        if (elsewhere.Count > 0) rows.Add(["(names no attachment holds)", plan.HostedZoneId, Counts(elsewhere)]);
        AppendTable(text, ["RECORD NAME", "ZONE", "CHANGES"], rows);
    }

    private static string Routing(ResourceRecordSet record) => RecordRouting.PolicyOf(record) switch
    {
        RecordRoutingPolicy.Weighted => $"weighted {record.Weight}",
        RecordRoutingPolicy.Latency => $"latency {record.Region}",
        RecordRoutingPolicy.Geolocation => "geo " + Location(record.GeoLocation!),
        RecordRoutingPolicy.Failover => "failover " + record.Failover!.ToLowerInvariant(),
        RecordRoutingPolicy.Multivalue => "multivalue",
        RecordRoutingPolicy.Geoproximity => "geoproximity " + record.GeoProximityLocation,
        RecordRoutingPolicy.IpBased => $"ip-based {record.CidrRoutingConfig!.LocationName}",
        RecordRoutingPolicy.AzAffinity => $"az-affinity {record.AzAffinity}",
        _ => "simple",
    };

    private static string Location(GeoLocation geo) =>
        geo.CountryCode == "*" ? "default"
        : geo.ContinentCode is not null ? "continent " + geo.ContinentCode
        : geo.SubdivisionCode is not null ? $"{geo.CountryCode}-{geo.SubdivisionCode}"
        : "country " + geo.CountryCode;

    private static string Target(ResourceRecordSet record)
    {
        if (record.AliasTarget is { } alias)
            return $"alias {alias.DnsName}" + (alias.EvaluateTargetHealth ? " (evaluate health)" : "");
        const int shown = 3;
        var values = string.Join(", ", record.ResourceRecords.Take(shown));
        if (record.ResourceRecords.Count > shown) values += $", … (+{record.ResourceRecords.Count - shown})";
        return record.Ttl is { } ttl ? $"{values} (ttl {ttl})" : values;
    }

    private static string Describe(Route53.HealthCheckConfig config)
    {
        if (!config.IsEndpointCheck) return DescribeOtherKind(config);
        var target = config.IpAddress ?? config.FullyQualifiedDomainName ?? "?";
        var text = new StringBuilder().Append(config.Type).Append(' ').Append(target.Contains(':') ? $"[{target}]" : target);
        if (config.Port is { } port) text.Append(':').Append(port);
        if (config.ResourcePath is { } path) text.Append(path.StartsWith('/') ? path : "/" + path);
        if (config.IpAddress is not null && config.FullyQualifiedDomainName is { } host) text.Append(" host ").Append(host);
        if (config.SearchString is { } search) text.Append(" match \"").Append(search).Append('"');
        text.Append(" every ").Append(config.RequestInterval).Append("s, ").Append(config.FailureThreshold).Append(" failures");
        return text.ToString();
    }

    /// <summary><c>CALCULATED 2 of [a, b]</c>, <c>CLOUDWATCH_METRIC alarm us-east-1/canary (insufficient data: Unhealthy)</c>, …</summary>
    private static string DescribeOtherKind(Route53.HealthCheckConfig config)
    {
        var text = new StringBuilder().Append(config.Type);
        if (config.Type == "CALCULATED")
            text.Append(' ').Append(config.HealthThreshold).Append(" of [")
                .Append(string.Join(", ", config.ChildHealthChecks.Select(ChildName))).Append(']');
        if (config.AlarmIdentifier is { } alarm) text.Append(" alarm ").Append(alarm.Region).Append('/').Append(alarm.Name);
        if (config.InsufficientDataHealthStatus is { } status) text.Append(" (insufficient data: ").Append(status).Append(')');
        if (config.RoutingControlArn is { } arn) text.Append(" routing control ").Append(arn);
        if (config.Inverted) text.Append(" inverted");
        return text.ToString();
    }

    /// <summary>A child not made yet shows as its node's id.</summary>
    private static string ChildName(string child) =>
        Compilation.HealthCheckPlaceholder.TryGetNodeId(child, out var node) ? node : child;

    private static void AppendTable(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = new List<string[]> { header };
        all.AddRange(rows);
        var widths = new int[header.Length];
        foreach (var row in all)
            for (var i = 0; i < row.Length; i++) widths[i] = Math.Max(widths[i], row[i].Length);
        foreach (var row in all)
        {
            text.Append("  ");
            for (var i = 0; i < row.Length; i++)
            {
                text.Append(row[i]);
                if (i < row.Length - 1) text.Append(' ', widths[i] - row[i].Length + 2);
            }
            text.Append('\n');
        }
    }
}
