using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Failover.Core.Spec;

/// <summary>
/// Writes a spec as canonical JSON: fixed field order, defaults written out, nothing else. What it writes parses back
/// to the same tree, so stored versions and imported Traffic Flow policies are ordinary specs. Indented for people
/// (<see cref="Write"/>); compact for the store (<see cref="WriteCompact"/>), where indentation alone would make a
/// large tree's stored text several times what the user sent.
/// </summary>
public static class SpecJsonWriter
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        // Specs are files people read, never embedded in HTML: keep "+", "&" and non-ASCII as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = Indented with { Indented = false };

    /// <summary>Indented, one field per line, ending in a newline: a spec file as a person would keep it.</summary>
    public static string Write(TreeSpec spec) => Write(spec, Indented) + "\n";

    /// <summary>On one line, without whitespace: what the service stores as a tree's version.</summary>
    public static string WriteCompact(TreeSpec spec) => Write(spec, Compact);

    private static string Write(TreeSpec spec, JsonWriterOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("name", spec.Name);
            json.WriteString("hostedZoneId", spec.HostedZoneId);
            json.WriteString("zoneName", spec.ZoneName);
            json.WriteString("recordName", spec.RecordName);
            // Only a tree of several names has the field: a tree of one writes exactly what it always did.
            if (spec.Attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (var attachment in spec.Attachments)
                {
                    json.WriteStartObject();
                    json.WriteString("hostedZoneId", attachment.HostedZoneId);
                    json.WriteString("zoneName", attachment.ZoneName);
                    json.WriteString("recordName", attachment.RecordName);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            if (spec.DualStack)
            {
                json.WriteStartArray("recordTypes");
                foreach (var type in spec.RecordTypes) json.WriteStringValue(type);
                json.WriteEndArray();
            }
            else json.WriteString("recordType", spec.RecordType);
            json.WriteNumber("ttl", spec.Ttl);
            if (spec.DriftPolicy is { } drift) json.WriteString("driftPolicy", SpecFields.Name(drift));
            if (spec.HealthCheckDefaults is not null)
            {
                json.WritePropertyName("healthCheckDefaults");
                WriteHealthCheck(json, spec.HealthCheckDefaults);
            }
            json.WritePropertyName("root");
            WriteNode(json, spec.Root);
            if (spec.Adopt is { } adopt)
            {
                json.WriteStartObject("adopt");
                json.WriteStartObject("healthChecks");
                foreach (var (node, id) in adopt.HealthChecks.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(node, id);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNode(Utf8JsonWriter json, TreeNode node)
    {
        json.WriteStartObject();
        json.WriteString("id", node.Id);
        if (node.SetIdentifier is not null) json.WriteString("setIdentifier", node.SetIdentifier);
        if (node.HelperName is not null) json.WriteString("helperName", node.HelperName);
        if (node.Weight is { } weight) json.WriteNumber("weight", weight);
        if (node.Region is not null) json.WriteString("region", node.Region);
        if (node.Location is not null) WriteLocation(json, node.Location);
        if (node.Geoproximity is not null) WriteGeoproximity(json, node.Geoproximity);
        if (node.Cidr is not null) WriteCidr(json, node.Cidr);
        if (node.AzAffinity is { } az)
        {
            json.WriteStartObject("azAffinity");
            if (az.Type is not null) json.WriteString("type", az.Type);
            if (az.Id is not null) json.WriteString("id", az.Id);
            json.WriteEndObject();
        }
        if (node.Routing is { } routing) json.WriteString("routing", SpecFields.Name(routing));
        if (node.Primary is not null)
        {
            json.WritePropertyName("primary");
            WriteNode(json, node.Primary);
        }
        if (node.Secondary is not null)
        {
            json.WritePropertyName("secondary");
            WriteNode(json, node.Secondary);
        }
        if (node.Children.Count > 0)
        {
            json.WriteStartArray("children");
            foreach (var child in node.Children) WriteNode(json, child);
            json.WriteEndArray();
        }
        if (node.Endpoint is not null) WriteEndpoint(json, node.Endpoint);
        if (node.Alias is not null)
        {
            json.WriteStartObject("alias");
            json.WriteString("dnsName", node.Alias.DnsName);
            json.WriteString("hostedZoneId", node.Alias.HostedZoneId);
            json.WriteBoolean("evaluateTargetHealth", node.Alias.EvaluateTargetHealth);
            json.WriteEndObject();
        }
        if (node.HealthCheck is not null)
        {
            json.WritePropertyName("healthCheck");
            WriteHealthCheck(json, node.HealthCheck);
        }
        if (node.HealthCheckId is not null) json.WriteString("healthCheckId", node.HealthCheckId);
        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, GeoLocationSpec location)
    {
        json.WriteStartObject("location");
        if (location.Continent is not null) json.WriteString("continent", location.Continent);
        if (location.Country is not null) json.WriteString("country", location.Country);
        if (location.Subdivision is not null) json.WriteString("subdivision", location.Subdivision);
        if (location.IsDefault) json.WriteBoolean("default", true);
        json.WriteEndObject();
    }

    private static void WriteGeoproximity(Utf8JsonWriter json, GeoProximitySpec place)
    {
        json.WriteStartObject("geoproximity");
        if (place.AwsRegion is not null) json.WriteString("region", place.AwsRegion);
        if (place.LocalZoneGroup is not null) json.WriteString("localZoneGroup", place.LocalZoneGroup);
        if (place.HasCoordinates)
        {
            // Written as strings: Route 53 takes coordinates as text, and "49.20" must not become 49.2.
            json.WriteStartObject("coordinates");
            if (place.Latitude is not null) json.WriteString("latitude", place.Latitude);
            if (place.Longitude is not null) json.WriteString("longitude", place.Longitude);
            json.WriteEndObject();
        }
        if (place.Bias is { } bias) json.WriteNumber("bias", bias);
        json.WriteEndObject();
    }

    private static void WriteCidr(Utf8JsonWriter json, CidrLocationSpec cidr)
    {
        json.WriteStartObject("cidr");
        if (cidr.Location is not null) json.WriteString("location", cidr.Location);
        if (cidr.Blocks.Count > 0)
        {
            json.WriteStartArray("blocks");
            foreach (var block in cidr.Blocks) json.WriteStringValue(block);
            json.WriteEndArray();
        }
        if (cidr.IsDefault) json.WriteBoolean("default", true);
        json.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter json, EndpointSpec endpoint)
    {
        json.WriteStartObject("endpoint");
        json.WriteStartArray("values");
        foreach (var value in endpoint.Values) json.WriteStringValue(value);
        json.WriteEndArray();
        if (endpoint.Ttl is { } ttl) json.WriteNumber("ttl", ttl);
        if (endpoint.HealthCheck is not null)
        {
            json.WritePropertyName("healthCheck");
            WriteHealthCheck(json, endpoint.HealthCheck);
        }
        if (endpoint.HealthCheckId is not null) json.WriteString("healthCheckId", endpoint.HealthCheckId);
        json.WriteEndObject();
    }

    private static void WriteHealthCheck(Utf8JsonWriter json, HealthCheckSettings settings)
    {
        json.WriteStartObject();
        if (settings.Type is not null) json.WriteString("type", settings.Type);
        if (settings.Port is { } port) json.WriteNumber("port", port);
        if (settings.Path is not null) json.WriteString("path", settings.Path);
        if (settings.Fqdn is not null) json.WriteString("fqdn", settings.Fqdn);
        if (settings.SearchString is not null) json.WriteString("searchString", settings.SearchString);
        if (settings.RequestInterval is { } interval) json.WriteNumber("requestInterval", interval);
        if (settings.FailureThreshold is { } threshold) json.WriteNumber("failureThreshold", threshold);
        if (settings.Regions is not null)
        {
            json.WriteStartArray("regions");
            foreach (var region in settings.Regions) json.WriteStringValue(region);
            json.WriteEndArray();
        }
        if (settings.MeasureLatency is { } measureLatency) json.WriteBoolean("measureLatency", measureLatency);
        if (settings.Inverted is { } inverted) json.WriteBoolean("inverted", inverted);
        if (settings.EnableSni is { } enableSni) json.WriteBoolean("enableSni", enableSni);
        if (settings.Target is not null) json.WriteString("target", settings.Target);
        WriteList(json, "children", settings.Children);
        WriteList(json, "childHealthCheckIds", settings.ChildHealthCheckIds);
        if (settings.HealthThreshold is { } healthThreshold) json.WriteNumber("healthThreshold", healthThreshold);
        if (settings.AlarmName is not null) json.WriteString("alarmName", settings.AlarmName);
        if (settings.AlarmRegion is not null) json.WriteString("alarmRegion", settings.AlarmRegion);
        if (settings.InsufficientDataHealthStatus is not null)
            json.WriteString("insufficientDataHealthStatus", settings.InsufficientDataHealthStatus);
        if (settings.RoutingControlArn is not null) json.WriteString("routingControlArn", settings.RoutingControlArn);
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string>? items)
    {
        if (items is null) return;
        json.WriteStartArray(name);
        foreach (var item in items) json.WriteStringValue(item);
        json.WriteEndArray();
    }
}
