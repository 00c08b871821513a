using System.Globalization;
using System.Text;
using Failover.Core.Route53;

namespace Failover.Core.Export;

/// <summary>A health check as the zone holds it, with the tags it carries, for an export.</summary>
public sealed record ExportedHealthCheck(string Id, string? NodeId, HealthCheckConfig Config, IReadOnlyDictionary<string, string> Tags);

/// <summary>
/// A tree handed to Terraform: one <c>aws_route53_health_check</c> per check the tree owns and one
/// <c>aws_route53_record</c> per record set, each with an <c>import</c> block naming the live resource, written from what
/// the zone holds, so that <c>terraform plan</c> after the import has nothing to change. Alias records depend on the
/// records of the name they alias (Terraform then creates bottom-up, as Route 53 needs: an alias target must exist).
/// </summary>
/// <remarks>
/// Import ids: a record is <c>ZONEID_NAME_TYPE[_SETIDENTIFIER]</c>, a health check its id (the AWS provider's import
/// documentation for aws_route53_record and aws_route53_health_check).
/// </remarks>
public static class TerraformExport
{
    /// <summary>
    /// Why the record sets cannot be handed to Terraform, one line per record; empty when they can. An AZ-affinity record
    /// (AZAffinity) has no argument in the AWS provider's aws_route53_record (its routing policy blocks are alias, cidr,
    /// failover, geolocation, geoproximity, latency, multivalue and weighted; no AZ-affinity block or issue was found in
    /// hashicorp/terraform-provider-aws), so writing it would drop its location and Terraform would then plan to remove it.
    /// </summary>
    public static IReadOnlyList<string> Refusals(IEnumerable<ResourceRecordSet> records) =>
        records.Where(r => r.AzAffinity is not null)
            .OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal)
            .ThenBy(r => r.SetIdentifier, StringComparer.Ordinal)
            .Select(r => $"record {r.Name} {r.Type} {r.SetIdentifier} routes by AZ affinity ({r.AzAffinity}), which the Terraform " +
                "AWS provider's aws_route53_record has no argument for")
            .ToList();

    /// <exception cref="InvalidOperationException">A record is one <see cref="Refusals"/> names.</exception>
    public static string Write(string tree, string hostedZoneId, IReadOnlyList<ResourceRecordSet> records,
        IReadOnlyList<ExportedHealthCheck> checks)
    {
        if (Refusals(records) is { Count: > 0 } refused) throw new InvalidOperationException(string.Join("; ", refused));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"# Tree '{tree}': {records.Count} record set(s) and {checks.Count} health check(s) in hosted zone {hostedZoneId},\n");
        text.Append("# written from what Route 53 holds; after `terraform apply` of the import blocks, `terraform plan` shows ")
            .Append("no change.\n");
        var checkNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var check in checks.OrderBy(c => c.NodeId ?? c.Id, StringComparer.Ordinal))
        {
            var name = Unique(Identifier("hc_" + (check.NodeId ?? check.Id)), used);
            checkNames[check.Id] = name;
            WriteHealthCheck(text, name, check);
        }
        var names = new Dictionary<RecordKey, string>();
        var ordered = records.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.SetIdentifier, StringComparer.Ordinal)
            .ThenBy(r => r.Zone, StringComparer.Ordinal).ToList();
        foreach (var record in ordered)
            names[record.Key] = Unique(Identifier($"{record.Name}_{record.Type}_{record.SetIdentifier}"), used);
        foreach (var record in ordered)
        {
            // Each record in its own zone (an attachment in another zone than the tree's), its alias targets beside it.
            var zone = record.Zone ?? hostedZoneId;
            var dependsOn = record.AliasTarget is { } alias && alias.HostedZoneId == zone
                ? ordered.Where(r => r.Name == alias.DnsName.TrimEnd('.') && r.Type == record.Type && (r.Zone ?? hostedZoneId) == zone)
                    .Select(r => names[r.Key]).ToList()
                : [];
            WriteRecord(text, names[record.Key], zone, record, checkNames, dependsOn);
        }
        return text.ToString();
    }

    private static void WriteHealthCheck(StringBuilder text, string name, ExportedHealthCheck check)
    {
        var c = check.Config;
        text.Append(CultureInfo.InvariantCulture, $"\nimport {{\n  to = aws_route53_health_check.{name}\n  id = {Quote(check.Id)}\n}}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"resource \"aws_route53_health_check\" \"{name}\" {{\n");
        Line(text, "type", Quote(c.Type));
        if (c.IsEndpointCheck)
        {
            if (c.IpAddress is not null) Line(text, "ip_address", Quote(c.IpAddress));
            if (c.Port is { } port) Line(text, "port", port.ToString(CultureInfo.InvariantCulture));
            if (c.FullyQualifiedDomainName is not null) Line(text, "fqdn", Quote(c.FullyQualifiedDomainName));
            if (c.ResourcePath is not null) Line(text, "resource_path", Quote(c.ResourcePath));
            if (c.SearchString is not null) Line(text, "search_string", Quote(c.SearchString));
            Line(text, "request_interval", c.RequestInterval.ToString(CultureInfo.InvariantCulture));
            Line(text, "failure_threshold", c.FailureThreshold.ToString(CultureInfo.InvariantCulture));
            Line(text, "measure_latency", Bool(c.MeasureLatency));
            if (c.Type.StartsWith("HTTPS", StringComparison.Ordinal)) Line(text, "enable_sni", Bool(c.EffectiveEnableSni));
            if (c.Regions.Count > 0) Line(text, "regions", List(c.Regions.Order(StringComparer.Ordinal)));
        }
        if (c.Type == "CALCULATED")
        {
            Line(text, "child_healthchecks", List(c.ChildHealthChecks.Order(StringComparer.Ordinal)));
            if (c.HealthThreshold is { } threshold) Line(text, "child_health_threshold", threshold.ToString(CultureInfo.InvariantCulture));
        }
        if (c.AlarmIdentifier is { } alarm)
        {
            Line(text, "cloudwatch_alarm_name", Quote(alarm.Name));
            Line(text, "cloudwatch_alarm_region", Quote(alarm.Region));
        }
        if (c.InsufficientDataHealthStatus is not null)
            Line(text, "insufficient_data_health_status", Quote(c.InsufficientDataHealthStatus));
        if (c.RoutingControlArn is not null) Line(text, "routing_control_arn", Quote(c.RoutingControlArn));
        Line(text, "invert_healthcheck", Bool(c.Inverted));
        if (check.Tags.Count > 0)
        {
            text.Append("  tags = {\n");
            foreach (var (key, value) in check.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
                text.Append(CultureInfo.InvariantCulture, $"    {Quote(key)} = {Quote(value)}\n");
            text.Append("  }\n");
        }
        text.Append("}\n");
    }

    private static void WriteRecord(StringBuilder text, string name, string zoneId, ResourceRecordSet r,
        IReadOnlyDictionary<string, string> checks, IReadOnlyList<string> dependsOn)
    {
        var importId = $"{zoneId}_{r.Name}_{r.Type}" + (r.SetIdentifier is null ? "" : "_" + r.SetIdentifier);
        text.Append(CultureInfo.InvariantCulture, $"\nimport {{\n  to = aws_route53_record.{name}\n  id = {Quote(importId)}\n}}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"resource \"aws_route53_record\" \"{name}\" {{\n");
        Line(text, "zone_id", Quote(zoneId));
        Line(text, "name", Quote(r.Name));
        Line(text, "type", Quote(r.Type));
        if (r.SetIdentifier is not null) Line(text, "set_identifier", Quote(r.SetIdentifier));
        if (r.AliasTarget is null)
        {
            if (r.Ttl is { } ttl) Line(text, "ttl", ttl.ToString(CultureInfo.InvariantCulture));
            Line(text, "records", List(r.ResourceRecords));
        }
        if (r.HealthCheckId is { } id)
            Line(text, "health_check_id", checks.TryGetValue(id, out var check) ? $"aws_route53_health_check.{check}.id" : Quote(id));
        if (r.Weight is { } weight) Block(text, "weighted_routing_policy", ("weight", weight.ToString(CultureInfo.InvariantCulture)));
        if (r.Region is not null) Block(text, "latency_routing_policy", ("region", Quote(r.Region)));
        if (r.Failover is not null) Block(text, "failover_routing_policy", ("type", Quote(r.Failover)));
        if (r.GeoLocation is { } geo)
            Block(text, "geolocation_routing_policy", [.. Fields(("continent", geo.ContinentCode), ("country", geo.CountryCode),
                ("subdivision", geo.SubdivisionCode))]);
        if (r.GeoProximityLocation is { } place)
        {
            text.Append("  geoproximity_routing_policy {\n");
            if (place.AwsRegion is not null) text.Append(CultureInfo.InvariantCulture, $"    aws_region = {Quote(place.AwsRegion)}\n");
            if (place.LocalZoneGroup is not null)
                text.Append(CultureInfo.InvariantCulture, $"    local_zone_group = {Quote(place.LocalZoneGroup)}\n");
            if (place.Bias is { } bias) text.Append(CultureInfo.InvariantCulture, $"    bias = {bias}\n");
            if (place.Latitude is not null)
                text.Append(CultureInfo.InvariantCulture,
                    $"    coordinates {{\n      latitude  = {Quote(place.Latitude)}\n" +
                    $"      longitude = {Quote(place.Longitude ?? "")}\n    }}\n");
            text.Append("  }\n");
        }
        // The collection is the tree's (the workflow made it); the record names it by its id, as Route 53 does.
        if (r.CidrRoutingConfig is { } cidr)
            Block(text, "cidr_routing_policy", ("collection_id", Quote(cidr.CollectionId)), ("location_name", Quote(cidr.LocationName)));
        if (r.MultiValueAnswer == true) Line(text, "multivalue_answer_routing_policy", "true");
        if (r.AliasTarget is { } alias)
            Block(text, "alias", ("name", Quote(alias.DnsName)), ("zone_id", Quote(alias.HostedZoneId)),
                ("evaluate_target_health", Bool(alias.EvaluateTargetHealth)));
        if (dependsOn.Count > 0) Line(text, "depends_on", "[" + string.Join(", ", dependsOn.Select(d => "aws_route53_record." + d)) + "]");
        text.Append("}\n");
    }

    private static IEnumerable<(string, string)> Fields(params (string Key, string? Value)[] fields) =>
        fields.Where(f => f.Value is not null).Select(f => (f.Key, Quote(f.Value!)));

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"  {key} = {value}\n");

    private static void Block(StringBuilder text, string name, params (string Key, string Value)[] fields)
    {
        text.Append(CultureInfo.InvariantCulture, $"  {name} {{\n");
        foreach (var (key, value) in fields) text.Append(CultureInfo.InvariantCulture, $"    {key} = {value}\n");
        text.Append("  }\n");
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";

    /// <summary>An HCL string: quotes, backslashes and template openers escaped (HCL native syntax, "Template Expressions").</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '$' or '%' when i + 1 < value.Length && value[i + 1] == '{': text.Append(c).Append(c); break;
                default: text.Append(c); break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>A Terraform resource name: letters, digits, '_' and '-', starting with a letter or '_'.</summary>
    private static string Identifier(string text)
    {
        var name = new StringBuilder();
        foreach (var c in text.ToLowerInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' ? c : '_');
        var result = name.ToString().Trim('_');
        return result.Length == 0 || char.IsAsciiDigit(result[0]) ? "r_" + result : result;
    }

    private static string Unique(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{name}_{n}";
        return candidate;
    }
}
