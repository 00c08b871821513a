using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Cli.Workflow;

/// <summary>The tree's status as text for people or as JSON for scripts.</summary>
internal static class TreeStatusWriter
{
    public static string Text(TreeStatus status)
    {
        var tree = status.Tree;
        var d = tree.Descriptor;
        var text = new StringBuilder();
        var applied = tree.CurrentVersion is { } current ? $"version {current} applied" : "no version applied";
        text.AppendLine(
            CultureInfo.InvariantCulture, $"tree {tree.Name}: {StatusText.Of(tree.Status)}, {applied} (latest {tree.LatestVersion})");
        text.AppendLine(
            CultureInfo.InvariantCulture, $"  {d.RecordName} {d.RecordType} in zone {d.HostedZoneId}, drift policy " +
                $"{d.DriftPolicy?.ToString().ToLowerInvariant() ?? "the deployment's default"}");
        foreach (var version in status.Versions)
            text.AppendLine(
                CultureInfo.InvariantCulture, $"  version {version.Version}: stored {Time(version.CreatedAt)}, sha256 " +
                    $"{version.Sha256[..12]}");
        if (status.LastRun is not { } run) return text.ToString();

        var finished = run.FinishedAt is { } end ? $", finished {Time(end)}" : "";
        text.AppendLine(
            CultureInfo.InvariantCulture, $"last run {run.RunId}: {StatusText.Of(run.Kind)} version {run.Version}, " +
                $"{StatusText.Of(run.Status)}, started {Time(run.CreatedAt)}{finished}");
        if (run.Error is not null) text.AppendLine(CultureInfo.InvariantCulture, $"  error: {run.Error}");
        if (status.Nodes.Count == 0) return text.ToString();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"node",-24} {"layer",-22} {"status",-12} change / error");
        foreach (var node in status.Nodes)
        {
            var detail = node.Error ?? node.ChangeId ?? "";
            text.AppendLine(
                string.Create(
                CultureInfo.InvariantCulture, $"  {node.NodeId,-24} {node.Layer ?? "-",-22} {StatusText.Of(node.Status),-12} {detail}")
                .TrimEnd());
        }
        return text.ToString();
    }

    public static string Json(TreeStatus status)
    {
        using var buffer = new MemoryStream();
        using (var json =
            new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var tree = status.Tree;
            json.WriteStartObject();
            json.WriteString("tree", tree.Name);
            json.WriteString("status", StatusText.Of(tree.Status));
            if (tree.CurrentVersion is { } current) json.WriteNumber("currentVersion", current);
            else json.WriteNull("currentVersion");
            json.WriteNumber("latestVersion", tree.LatestVersion);
            json.WriteString("hostedZoneId", tree.Descriptor.HostedZoneId);
            json.WriteString("recordName", tree.Descriptor.RecordName);
            json.WriteString("recordType", tree.Descriptor.RecordType);
            json.WriteStartArray("versions");
            foreach (var version in status.Versions)
            {
                json.WriteStartObject();
                json.WriteNumber("version", version.Version);
                json.WriteString("sha256", version.Sha256);
                json.WriteString("createdAt", version.CreatedAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (status.LastRun is { } run) WriteRun(json, run, status.Nodes);
            else json.WriteNull("lastRun");
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    private static void WriteRun(Utf8JsonWriter json, RunRecord run, IReadOnlyList<NodeProgress> nodes)
    {
        json.WriteStartObject("lastRun");
        json.WriteString("runId", run.RunId);
        json.WriteString("kind", StatusText.Of(run.Kind));
        json.WriteNumber("version", run.Version);
        json.WriteString("status", StatusText.Of(run.Status));
        if (run.Error is not null) json.WriteString("error", run.Error);
        if (run.ExecutionArn is not null) json.WriteString("executionArn", run.ExecutionArn);
        json.WriteString("createdAt", run.CreatedAt);
        if (run.FinishedAt is { } finished) json.WriteString("finishedAt", finished);
        json.WriteStartArray("nodes");
        foreach (var node in nodes)
        {
            json.WriteStartObject();
            json.WriteString("nodeId", node.NodeId);
            if (node.Layer is not null) json.WriteString("layer", node.Layer);
            json.WriteString("status", StatusText.Of(node.Status));
            if (node.ChangeId is not null) json.WriteString("changeId", node.ChangeId);
            if (node.HealthCheckId is not null) json.WriteString("healthCheckId", node.HealthCheckId);
            if (node.Error is not null) json.WriteString("error", node.Error);
            json.WriteStartArray("records");
            foreach (var record in node.Records)
            {
                json.WriteStartObject();
                json.WriteString("name", record.Name);
                json.WriteString("type", record.Type);
                if (record.SetIdentifier is not null) json.WriteString("setIdentifier", record.SetIdentifier);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
