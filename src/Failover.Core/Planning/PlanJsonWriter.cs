using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>
/// The plan as JSON: <c>{"tree","hostedZoneId","layers":[…]}</c>. Health check configs are in the exact shape
/// <c>aws route53 create-health-check --health-check-config</c> takes and change batches in the exact shape
/// <c>aws route53 change-resource-record-sets --change-batch</c> takes, so any layer can be replayed by hand.
/// </summary>
public static class PlanJsonWriter
{
    public static string Write(Plan plan, bool indented = true)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json =
            new Utf8JsonWriter(buffer,
            new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("tree", plan.Tree);
            json.WriteString("hostedZoneId", plan.HostedZoneId);
            json.WriteStartArray("layers");
            foreach (var layer in plan.Layers) WriteLayer(json, layer);
            json.WriteEndArray();
            if (plan.Conflicts.Count > 0) WriteConflicts(json, plan.Conflicts);
            WriteSummary(json, plan.Summary);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteLayer(Utf8JsonWriter json, PlanLayer layer)
    {
        json.WriteStartObject();
        json.WriteString("name", layer.Name);
        switch (layer.Kind)
        {
            case PlanLayerKind.HealthChecks:
                json.WriteStartArray("healthChecks");
                foreach (var check in layer.HealthChecks)
                {
                    json.WriteStartObject();
                    json.WriteString("nodeId", check.NodeId);
                    json.WriteString("callerReference", check.CallerReference);
                    json.WritePropertyName("healthCheckConfig");
                    WriteHealthCheckConfig(json, check.Config);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
            case PlanLayerKind.Records:
                json.WriteStartArray("changeBatches");
                foreach (var batch in layer.ChangeBatches) WriteChangeBatch(json, batch);
                json.WriteEndArray();
                WriteChangeNodeIds(json, layer.ChangeBatches);
                break;
            case PlanLayerKind.HealthCheckCleanup:
                json.WriteStartArray("deleteHealthChecks");
                foreach (var deletion in layer.HealthCheckDeletions)
                {
                    json.WriteStartObject();
                    json.WriteString("healthCheckId", deletion.HealthCheckId);
                    if (deletion.NodeId is not null) json.WriteString("nodeId", deletion.NodeId);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                break;
        }
        json.WriteEndObject();
    }

    public static void WriteHealthCheckConfig(Utf8JsonWriter json, HealthCheckConfig config)
    {
        json.WriteStartObject();
        WriteIfSet(json, "IPAddress", config.IpAddress);
        if (config.Port is { } port) json.WriteNumber("Port", port);
        json.WriteString("Type", config.Type);
        WriteIfSet(json, "ResourcePath", config.ResourcePath);
        WriteIfSet(json, "FullyQualifiedDomainName", config.FullyQualifiedDomainName);
        WriteIfSet(json, "SearchString", config.SearchString);
        json.WriteNumber("RequestInterval", config.RequestInterval);
        json.WriteNumber("FailureThreshold", config.FailureThreshold);
        json.WriteBoolean("MeasureLatency", config.MeasureLatency);
        json.WriteBoolean("Inverted", config.Inverted);
        if (config.EnableSni is { } sni) json.WriteBoolean("EnableSNI", sni);
        if (config.Regions.Count > 0)
        {
            json.WriteStartArray("Regions");
            foreach (var region in config.Regions) json.WriteStringValue(region);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static void WriteChangeBatch(Utf8JsonWriter json, ChangeBatch batch)
    {
        json.WriteStartObject();
        WriteIfSet(json, "Comment", batch.Comment);
        json.WriteStartArray("Changes");
        foreach (var change in batch.Changes)
        {
            json.WriteStartObject();
            json.WriteString("Action", change.Action.ToString().ToUpperInvariant());
            json.WritePropertyName("ResourceRecordSet");
            WriteRecordSet(json, change.RecordSet);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteRecordSet(Utf8JsonWriter json, ResourceRecordSet record)
    {
        json.WriteStartObject();
        json.WriteString("Name", FullyQualified(record.Name));
        json.WriteString("Type", record.Type);
        WriteIfSet(json, "SetIdentifier", record.SetIdentifier);
        if (record.Weight is { } weight) json.WriteNumber("Weight", weight);
        WriteIfSet(json, "Region", record.Region);
        if (record.GeoLocation is { } geo)
        {
            json.WriteStartObject("GeoLocation");
            WriteIfSet(json, "ContinentCode", geo.ContinentCode);
            WriteIfSet(json, "CountryCode", geo.CountryCode);
            WriteIfSet(json, "SubdivisionCode", geo.SubdivisionCode);
            json.WriteEndObject();
        }
        WriteIfSet(json, "Failover", record.Failover);
        if (record.MultiValueAnswer is { } multivalue) json.WriteBoolean("MultiValueAnswer", multivalue);
        // Alias records take their TTL from the target; Route 53 rejects one that carries its own.
        if (record.Ttl is { } ttl && record.AliasTarget is null) json.WriteNumber("TTL", ttl);
        if (record.AliasTarget is null && record.ResourceRecords.Count > 0)
        {
            json.WriteStartArray("ResourceRecords");
            foreach (var value in record.ResourceRecords)
            {
                json.WriteStartObject();
                json.WriteString("Value", value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        if (record.AliasTarget is { } alias)
        {
            json.WriteStartObject("AliasTarget");
            json.WriteString("HostedZoneId", alias.HostedZoneId);
            json.WriteString("DNSName", FullyQualified(alias.DnsName));
            json.WriteBoolean("EvaluateTargetHealth", alias.EvaluateTargetHealth);
            json.WriteEndObject();
        }
        WriteIfSet(json, "HealthCheckId", record.HealthCheckId);
        json.WriteEndObject();
    }

    /// <summary>
    /// The tree node behind each change, batch by batch (null where a change has none), beside the batches rather than
    /// inside them: the batches keep the exact shape the AWS CLI takes, and the workflow can still track progress per node.
    /// </summary>
    private static void WriteChangeNodeIds(Utf8JsonWriter json, IReadOnlyList<ChangeBatch> batches)
    {
        if (!batches.Any(b => b.Changes.Any(c => c.NodeId is not null))) return;
        json.WriteStartArray("changeNodeIds");
        foreach (var batch in batches)
        {
            json.WriteStartArray();
            foreach (var change in batch.Changes)
            {
                if (change.NodeId is null) json.WriteNullValue();
                else json.WriteStringValue(change.NodeId);
            }
            json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static void WriteConflicts(Utf8JsonWriter json, IReadOnlyList<PlanConflict> conflicts)
    {
        json.WriteStartArray("conflicts");
        foreach (var conflict in conflicts)
        {
            json.WriteStartObject();
            json.WriteString("name", FullyQualified(conflict.Key.Name));
            json.WriteString("type", conflict.Key.Type);
            WriteIfSet(json, "setIdentifier", conflict.Key.SetIdentifier);
            json.WriteString("reason", conflict.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteSummary(Utf8JsonWriter json, PlanSummary summary)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("recordsCreated", summary.RecordsCreated);
        json.WriteNumber("recordsUpdated", summary.RecordsUpdated);
        json.WriteNumber("recordsDeleted", summary.RecordsDeleted);
        json.WriteNumber("healthChecksCreated", summary.HealthChecksCreated);
        json.WriteNumber("healthChecksDeleted", summary.HealthChecksDeleted);
        json.WriteNumber("existingRecords", summary.ExistingRecords);
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null) json.WriteString(name, value);
    }

    /// <summary>Route 53 names on the wire are fully qualified: with the trailing dot.</summary>
    public static string FullyQualified(string name) => name.EndsWith('.') ? name : name + ".";
}
