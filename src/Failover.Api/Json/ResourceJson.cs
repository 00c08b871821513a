using System.Text.Json;
using Failover.Api.Routing;
using Failover.Service.Progress;
using Failover.Core.Spec;

namespace Failover.Api.Json;

/// <summary>How trees, versions, runs and nodes appear in responses (the schemas of docs/openapi.yaml).</summary>
public static class ResourceJson
{
    public static void WriteTree(Utf8JsonWriter json, TreeRecord tree)
    {
        json.WriteString("name", tree.Name);
        json.WriteString("hostedZoneId", tree.Descriptor.HostedZoneId);
        json.WriteString("recordName", tree.Descriptor.RecordName);
        json.WriteString("recordType", tree.Descriptor.RecordType);
        WriteDriftPolicy(json, tree.Descriptor.DriftPolicy);
        json.WriteString("status", EnumNames<TreeStatus>.Upper(tree.Status));
        if (tree.CurrentVersion is { } current) json.WriteNumber("currentVersion", current);
        else json.WriteNull("currentVersion");
        json.WriteNumber("latestVersion", tree.LatestVersion);
        json.WriteOptional("lastRunId", tree.LastRunId);
        if (tree.LastRunStatus is { } status) json.WriteString("lastRunStatus", EnumNames<RunStatus>.Upper(status));
        json.WriteTimestamp("createdAt", tree.CreatedAt);
        json.WriteTimestamp("updatedAt", tree.UpdatedAt);
    }

    public static void WriteVersion(Utf8JsonWriter json, VersionInfo version, int? currentVersion)
    {
        json.WriteStartObject();
        WriteVersionFields(json, version, currentVersion);
        json.WriteEndObject();
    }

    public static void WriteVersionFields(Utf8JsonWriter json, VersionInfo version, int? currentVersion)
    {
        json.WriteNumber("version", version.Version);
        json.WriteBoolean("current", version.Version == currentVersion);
        json.WriteString("hostedZoneId", version.Descriptor.HostedZoneId);
        json.WriteString("recordName", version.Descriptor.RecordName);
        json.WriteString("recordType", version.Descriptor.RecordType);
        WriteDriftPolicy(json, version.Descriptor.DriftPolicy);
        json.WriteString("sha256", version.Sha256);
        json.WriteTimestamp("createdAt", version.CreatedAt);
    }

    /// <summary>A run with its nodes, and the counts of nodes by status (what a progress bar needs).</summary>
    public static void WriteRun(Utf8JsonWriter json, RunRecord run, IReadOnlyList<NodeProgress> nodes)
    {
        json.WriteString("runId", run.RunId);
        json.WriteString("tree", run.Tree);
        json.WriteNumber("version", run.Version);
        json.WriteString("kind", EnumNames<RunKind>.Upper(run.Kind));
        json.WriteString("status", EnumNames<RunStatus>.Upper(run.Status));
        json.WriteOptional("error", run.Error);
        json.WriteOptional("executionArn", run.ExecutionArn);
        json.WriteTimestamp("createdAt", run.CreatedAt);
        json.WriteTimestamp("updatedAt", run.UpdatedAt);
        json.WriteTimestamp("finishedAt", run.FinishedAt);
        json.WriteStartObject("nodeCounts");
        foreach (var status in Enum.GetValues<NodeStatus>())
            json.WriteNumber(EnumNames<NodeStatus>.Upper(status), nodes.Count(n => n.Status == status));
        json.WriteEndObject();
        json.WriteStartArray("nodes");
        foreach (var node in nodes) WriteNode(json, node);
        json.WriteEndArray();
    }

    public static void WriteNode(Utf8JsonWriter json, NodeProgress node)
    {
        json.WriteStartObject();
        json.WriteString("nodeId", node.NodeId);
        json.WriteOptional("layer", node.Layer);
        json.WriteString("status", EnumNames<NodeStatus>.Upper(node.Status));
        json.WriteStartArray("records");
        foreach (var record in node.Records)
        {
            json.WriteStartObject();
            json.WriteString("name", record.Name);
            json.WriteString("type", record.Type);
            json.WriteOptional("setIdentifier", record.SetIdentifier);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteOptional("healthCheckId", node.HealthCheckId);
        json.WriteOptional("changeId", node.ChangeId);
        json.WriteOptional("error", node.Error);
        json.WriteTimestamp("startedAt", node.StartedAt);
        json.WriteTimestamp("finishedAt", node.FinishedAt);
        json.WriteEndObject();
    }

    public static void WriteDriftReport(Utf8JsonWriter json, DriftReportRecord report)
    {
        json.WriteStartObject();
        json.WriteString("tree", report.Tree);
        json.WriteTimestamp("checkedAt", report.CheckedAt);
        json.WriteNumber("driftedItems", report.DriftedItems);
        json.WritePropertyName("report");
        json.WriteRawValue(report.ReportJson);
        json.WriteEndObject();
    }

    /// <summary>The path of a resource, with its parameters escaped, for Location headers and links.</summary>
    public static string PathOf(RouteDefinition route, string value) =>
        route.Template[..route.Template.IndexOf('{')] + Uri.EscapeDataString(value) + route.Template[(route.Template.IndexOf('}') + 1)..];

    /// <summary>null: the spec leaves it to the deployment's <c>DefaultDriftPolicy</c>.</summary>
    private static void WriteDriftPolicy(Utf8JsonWriter json, DriftPolicy? policy)
    {
        if (policy is { } set) json.WriteString("driftPolicy", SpecFields.Name(set));
        else json.WriteNull("driftPolicy");
    }
}
