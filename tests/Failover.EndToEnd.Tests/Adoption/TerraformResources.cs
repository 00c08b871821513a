using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// Reads <c>failover export --format terraform</c> back: each <c>aws_route53_record</c> resource as the record set it
/// describes, in one canonical line per record, so it can be compared field by field with what the AWS CLI lists.
/// Health check references resolve to the ids of their import blocks.
/// </summary>
internal static partial class TerraformResources
{
    public static List<string> Records(string hcl)
    {
        var imports = ImportBlock().Matches(hcl).ToDictionary(m => m.Groups["to"].Value, m => Unquote(m.Groups["id"].Value));
        var records = new List<string>();
        foreach (Match resource in RecordResource().Matches(hcl))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            string? block = null;
            foreach (var raw in resource.Groups["body"].Value.Split('\n'))
            {
                var line = raw.Trim();
                if (line.EndsWith('{')) block = line.TrimEnd('{').Trim();
                else if (line == "}") block = null;
                else if (line.Split(" = ", 2) is [var key, var value])
                    fields[block is null ? key.Trim() : $"{block}.{key.Trim()}"] = value.Trim();
            }
            var check = fields.GetValueOrDefault("health_check_id");
            if (check is not null && check.StartsWith("aws_route53_health_check.", StringComparison.Ordinal))
                check = imports[check[..^".id".Length]];
            records.Add(Canonical(
                Unquote(fields["name"]), Unquote(fields["type"]), Text(fields, "set_identifier"), fields.GetValueOrDefault("ttl"),
                fields.TryGetValue("records", out var values) ? List(values) : [],
                check is null ? null : Unquote(check),
                fields.GetValueOrDefault("weighted_routing_policy.weight"), Text(fields, "latency_routing_policy.region"),
                Text(fields, "failover_routing_policy.type"),
                Geo(Text(fields, "geolocation_routing_policy.continent"), Text(fields, "geolocation_routing_policy.country"),
                    Text(fields, "geolocation_routing_policy.subdivision")),
                fields.GetValueOrDefault("multivalue_answer_routing_policy"),
                fields.ContainsKey("alias.name")
                    ? Alias(Unquote(fields["alias.zone_id"]), Unquote(fields["alias.name"]), fields["alias.evaluate_target_health"])
                    : null));
        }
        return [.. records.Order(StringComparer.Ordinal)];
    }

    /// <summary>A record set as <c>aws route53 list-resource-record-sets</c> gives it, in the same canonical line.</summary>
    public static string Canonical(JsonElement r)
    {
        string? Member(string name) =>
            r.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
        string? Geo(string name) => r.TryGetProperty("GeoLocation", out var g) && g.TryGetProperty(name, out var v) ? v.GetString() : null;
        return Canonical(Member("Name")!, Member("Type")!, Member("SetIdentifier"), Member("TTL"),
            r.TryGetProperty("ResourceRecords", out var values)
                ? values.EnumerateArray().Select(v => v.GetProperty("Value").GetString()!).ToList() : [],
            Member("HealthCheckId"), Member("Weight"), Member("Region"), Member("Failover"),
            TerraformResources.Geo(Geo("ContinentCode"), Geo("CountryCode"), Geo("SubdivisionCode")),
            Member("MultiValueAnswer"),
            r.TryGetProperty("AliasTarget", out var alias)
                ? Alias(alias.GetProperty("HostedZoneId").GetString()!, alias.GetProperty("DNSName").GetString()!,
                    alias.GetProperty("EvaluateTargetHealth").GetBoolean() ? "true" : "false")
                : null);
    }

    private static string Canonical(string name, string type, string? set, string? ttl, IReadOnlyList<string> values, string? check,
        string? weight, string? region, string? failover, string? geo, string? multivalue, string? alias) =>
        $"{Name(name)} {type} [{set}] ttl={ttl} values={string.Join(",", values.Order(StringComparer.Ordinal))} hc={check} " +
        $"weight={weight} region={region} failover={failover} geo={geo} multivalue={multivalue} alias={alias}";

    private static string Name(string name) => name.TrimEnd('.').ToLowerInvariant();

    private static string? Geo(string? continent, string? country, string? subdivision) =>
        continent is null && country is null && subdivision is null ? null : $"{continent}/{country}/{subdivision}";

    private static string Alias(string zone, string name, string evaluate) => $"{zone}:{Name(name)}:{evaluate}";

    private static string? Text(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value) ? Unquote(value) : null;

    private static List<string> List(string value) =>
        ListItem().Matches(value).Select(m => Unquote(m.Value)).ToList();

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"') return value;
        var text = new StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
                text.Append(value[i] == 'n' ? '\n' : value[i]);
            }
            else if (value[i] is '$' or '%' && i + 2 < value.Length - 1 && value[i + 1] == value[i] && value[i + 2] == '{')
            {
                text.Append(value[i]);
                i++;
            }
            else text.Append(value[i]);
        }
        return text.ToString();
    }

    [GeneratedRegex("""import \{\n  to = (?<to>\S+)\n  id = (?<id>"(?:[^"\\]|\\.)*")\n\}""")]
    private static partial Regex ImportBlock();

    [GeneratedRegex("""resource "aws_route53_record" "[^"]+" \{\n(?<body>(?:.*\n)*?)\}\n""")]
    private static partial Regex RecordResource();

    // A quoted HCL string, escapes included (a raw literal cannot begin with the quote the pattern starts with).
    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex ListItem();
}
