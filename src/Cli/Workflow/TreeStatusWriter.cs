using System.Globalization;
using System.Text;
using Failover.Core.Contracts;
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

    public static string Json(TreeStatus status) =>
        WireJson.Write(ProgressResources.Status(status.Tree, status.Versions, status.LastRun, status.Nodes)) + Environment.NewLine;

    private static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
