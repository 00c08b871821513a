using System.Globalization;
using System.Text;
using Failover.Core.Contracts;
using Failover.Service.Progress;

namespace Failover.Cli.Workflow;

/// <summary>
/// The tree's status as text for people or as JSON for scripts, from one document whichever way it was read (the
/// progress table, or the API's tree and versions).
/// </summary>
internal static class TreeStatusWriter
{
    public static string Text(TreeStatus status) =>
        Text(Document(status), status.Tree.Descriptor.DriftPolicy?.ToString().ToLowerInvariant());

    /// <summary><paramref name="driftPolicy"/>: report or repair; null when the deployment's default applies.</summary>
    public static string Text(TreeStatusDocument status, string? driftPolicy)
    {
        var text = new StringBuilder();
        var applied = status.CurrentVersion is { } current ? $"version {current} applied" : "no version applied";
        text.AppendLine(
            CultureInfo.InvariantCulture, $"tree {status.Tree}: {status.Status}, {applied} (latest {status.LatestVersion})");
        text.AppendLine(
            CultureInfo.InvariantCulture, $"  {status.RecordName} {status.RecordType} in zone {status.HostedZoneId}, drift policy " +
                $"{driftPolicy ?? "the deployment's default"}");
        foreach (var version in status.Versions)
            text.AppendLine(
                CultureInfo.InvariantCulture, $"  version {version.Version}: stored {Time(version.CreatedAt)}, sha256 " +
                    $"{version.Sha256[..12]}");
        if (status.LastRun is not { } run) return text.ToString();

        var finished = run.FinishedAt is { } end ? $", finished {Time(end)}" : "";
        text.AppendLine(
            CultureInfo.InvariantCulture, $"last run {run.RunId}: {run.Kind} version {run.Version}, " +
                $"{run.Status}, started {Time(run.CreatedAt)}{finished}");
        if (run.Error is not null) text.AppendLine(CultureInfo.InvariantCulture, $"  error: {run.Error}");
        if (run.Nodes.Count == 0) return text.ToString();
        AppendAttachments(text, run, status.RecordName);
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"node",-24} {"layer",-22} {"status",-12} change / error");
        foreach (var node in run.Nodes)
        {
            var detail = node.Error ?? node.ChangeId ?? "";
            text.AppendLine(
                string.Create(CultureInfo.InvariantCulture, $"  {node.NodeId,-24} {node.Layer ?? "-",-22} {node.Status,-12} {detail}")
                .TrimEnd());
        }
        return text.ToString();
    }

    /// <summary>
    /// A tree of several names keeps each attachment's records apart in its progress (<c>node@recordName</c>; the first
    /// attachment's and the shared health checks under the node's id): a line per attachment, none for a tree of one name.
    /// </summary>
    private static void AppendAttachments(StringBuilder text, StatusRunDocument run, string firstName)
    {
        var byName = run.Nodes.GroupBy(n => Failover.Core.Compilation.AttachmentNodes.Parse(n.NodeId).RecordName ?? firstName,
            StringComparer.Ordinal).ToList();
        if (byName.Count < 2) return;
        foreach (var attachment in byName)
        {
            var finished = attachment.Count(n => n.Status is "DONE" or "DELETED" or "FAILED");
            var failed = attachment.Count(n => n.Status == "FAILED");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  attachment {attachment.Key}: {finished} of {attachment.Count()} nodes finished, {failed} failed");
        }
    }

    public static string Json(TreeStatus status) => Json(Document(status));

    public static string Json(TreeStatusDocument status) => WireJson.Write(status) + Environment.NewLine;

    /// <summary>The same document from the API: <c>GET /trees/NAME</c> and <c>GET /trees/NAME/versions</c>.</summary>
    public static TreeStatusDocument Document(TreeDetailResource tree, VersionListResource versions) => new()
    {
        Tree = tree.Name,
        Status = tree.Status,
        CurrentVersion = tree.CurrentVersion,
        LatestVersion = tree.LatestVersion,
        HostedZoneId = tree.HostedZoneId,
        RecordName = tree.RecordName,
        RecordType = tree.RecordType,
        Versions = versions.Versions.Take(10)
            .Select(v => new StatusVersionDocument(v.Version, v.Sha256, Instant(v.CreatedAt)!.Value)).ToList(),
        LastRun = tree.LastRun is not { } run ? null : new StatusRunDocument
        {
            RunId = run.RunId,
            Kind = run.Kind,
            Version = run.Version,
            Status = run.Status,
            Error = run.Error,
            ExecutionArn = run.ExecutionArn,
            CreatedAt = Instant(run.CreatedAt)!.Value,
            FinishedAt = Instant(run.FinishedAt),
            Nodes = run.Nodes.Select(n => new StatusNodeDocument
            {
                NodeId = n.NodeId,
                Layer = n.Layer,
                Status = n.Status,
                ChangeId = n.ChangeId,
                HealthCheckId = n.HealthCheckId,
                Error = n.Error,
                Records = n.Records,
            }).ToList(),
        },
    };

    private static TreeStatusDocument Document(TreeStatus status) =>
        ProgressResources.Status(status.Tree, status.Versions, status.LastRun, status.Nodes);

    private static DateTimeOffset? Instant(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
