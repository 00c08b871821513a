using System.Globalization;
using System.Text.Json;
using Failover.Core.Contracts;
using Failover.Core.Contracts.Events;
using Failover.Core.Drift;
using Failover.Service.Logging;
using Failover.Service.Ports;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;

namespace Failover.Service.Events;

/// <summary>
/// Builds the service's events (<see cref="FailoverEventTypes"/>) from what the workflow and the drift check know and puts
/// them on the bus. Publishing is best effort: the run or check has already happened when its event goes out, and a bus
/// that refuses must not undo it or fail it — the failure is logged (level ERROR, <c>event_not_published</c>) instead.
/// Every event also goes on its tree's timeline (<see cref="Timeline"/>, read by <c>GET /trees/{name}/events</c>), just
/// as best effort (<c>event_not_recorded</c>).
/// </summary>
public sealed class TreeEvents(IEventBus bus, TimeProvider time, EventOptions? options = null, StructuredLogger? log = null)
{
    /// <summary>Events that go nowhere.</summary>
    public static TreeEvents None { get; } = new(NoEventBus.Instance, TimeProvider.System);

    private readonly EventOptions _options = options ?? new EventOptions();
    private readonly StructuredLogger _log = log ?? StructuredLogger.Silent;

    /// <summary>Where each tree's events are kept for its timeline; null: nowhere (the bus only).</summary>
    public ITreeEventRecords? Timeline { get; init; }

    /// <summary>A run event: <paramref name="detailType"/> is one of the <c>Run …</c> types or <c>Drift Repaired</c>.</summary>
    public Task RunAsync(string detailType, RunRecord run, TreeDescriptor tree, RunStatus status, RunEventNote? note = null,
        CancellationToken cancellationToken = default)
    {
        note ??= new RunEventNote();
        var now = time.GetUtcNow();
        var detail = new RunEventDetail
        {
            EventId = $"{run.RunId}/{Kebab(detailType)}",
            Tree = run.Tree,
            Version = run.Version,
            RunId = run.RunId,
            Kind = EnumNames<RunKind>.Upper(run.Kind),
            Status = EnumNames<RunStatus>.Upper(status),
            HostedZoneId = tree.HostedZoneId,
            RecordNames = [tree.RecordName],
            RecordType = tree.RecordType,
            Link = _options.Link("/runs/" + Uri.EscapeDataString(run.RunId)),
            Time = Format(now),
            CorrelationId = note.CorrelationId,
            ExecutionArn = note.ExecutionArn ?? run.ExecutionArn,
            Error = note.Error,
            Cause = note.Cause,
            RollbackFailed = note.RollbackFailed,
        };
        var entry = new TreeEventRecord(run.Tree, detail.EventId, detailType, now, RunSummary(detailType, run, note))
        {
            Version = run.Version, RunId = run.RunId, Link = detail.Link,
        };
        return PutAsync(detailType, JsonSerializer.Serialize(detail, FailoverJson.Compact.RunEventDetail), entry,
            ExecutionResources(detail.ExecutionArn), cancellationToken);
    }

    /// <summary><c>Drift Detected</c>, for a report with drifted items.</summary>
    public Task DriftDetectedAsync(TreeRecord tree, int version, DriftReport report, CancellationToken cancellationToken = default)
    {
        var descriptor = tree.Descriptor;
        var now = time.GetUtcNow();
        var names = new List<string> { descriptor.RecordName };
        foreach (var item in report.Items)
            if (item.Record is { } record && !names.Contains(record.Name.TrimEnd('.'), StringComparer.OrdinalIgnoreCase))
                names.Add(record.Name.TrimEnd('.'));
        var zones = report.Items.Select(i => i.HostedZoneId).OfType<string>().Prepend(descriptor.HostedZoneId)
            .Distinct(StringComparer.Ordinal).ToList();
        var detail = new DriftEventDetail
        {
            EventId = $"{tree.Name}/drift/{(report.CheckedAt ?? time.GetUtcNow()).ToUnixTimeMilliseconds()}",
            Tree = tree.Name,
            Version = version,
            RunId = tree.LastRunId ?? "",
            HostedZoneId = descriptor.HostedZoneId,
            RecordNames = names,
            HostedZoneIds = zones.Count > 1 ? zones : null,
            RecordType = descriptor.RecordType,
            Link = _options.Link($"/trees/{Uri.EscapeDataString(tree.Name)}/drift"),
            Time = Format(now),
            DriftedItems = report.DriftedItems,
            Kinds = report.Items.GroupBy(i => CamelNames.Of(i.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            RepairStatus = report.Repair is { } repair ? CamelNames.Of(repair.Status) : null,
            RepairRunId = report.Repair?.RunId,
        };
        var entry = new TreeEventRecord(tree.Name, detail.EventId, FailoverEventTypes.DriftDetected, now, DriftSummary(detail))
        {
            Version = version, RunId = detail.RepairRunId ?? tree.LastRunId, Link = detail.Link,
        };
        return PutAsync(FailoverEventTypes.DriftDetected, JsonSerializer.Serialize(detail, FailoverJson.Compact.DriftEventDetail),
            entry, [], cancellationToken);
    }

    /// <summary><c>Tree Answer Changed</c>.</summary>
    public Task AnswerChangedAsync(AnswerChangedDetail detail, CancellationToken cancellationToken = default)
    {
        var at = DateTimeOffset.TryParse(detail.Time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : time.GetUtcNow();
        var entry = new TreeEventRecord(detail.Tree, detail.EventId, FailoverEventTypes.TreeAnswerChanged, at, detail.Summary)
        {
            Version = detail.Version, RunId = detail.RunId, Link = detail.Link,
        };
        return PutAsync(FailoverEventTypes.TreeAnswerChanged, JsonSerializer.Serialize(detail, FailoverJson.Compact.AnswerChangedDetail),
            entry, [], cancellationToken);
    }

    /// <summary>The link and the time every event carries, for callers that build a detail themselves.</summary>
    public string Link(string path) => _options.Link(path);

    public string Now() => Format(time.GetUtcNow());

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task PutAsync(string detailType, string detail, TreeEventRecord entry, IReadOnlyList<string> resources,
        CancellationToken cancellationToken)
    {
        try
        {
            await bus.PutAsync([new BusEvent(FailoverEventTypes.Source, detailType, detail) { Resources = resources }], cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _log.Error("event_not_published", failure, ("detail_type", detailType), ("tree", entry.Tree));
        }
        if (Timeline is null) return;
        try
        {
            await Timeline.PutTreeEventAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _log.Error("event_not_recorded", failure, ("detail_type", detailType), ("tree", entry.Tree));
        }
    }

    /// <summary>The timeline's sentence for a run event: what ran, of which version, and how it ended.</summary>
    internal static string RunSummary(string detailType, RunRecord run, RunEventNote note)
    {
        var what = $"{Capitalized(EnumNames<RunKind>.Upper(run.Kind))} of version {run.Version}";
        var why = Shortened(note.Cause ?? note.Error);
        return detailType switch
        {
            FailoverEventTypes.RunStarted => what + " started",
            FailoverEventTypes.RunSucceeded => what + " succeeded",
            FailoverEventTypes.DriftRepaired => $"Drift repaired: the repair run put version {run.Version} back",
            FailoverEventTypes.RunRolledBack => what + " failed and was rolled back" + (why is null ? "" : ": " + why),
            FailoverEventTypes.RunFailed when note.RollbackFailed == true =>
                what + " failed and its rollback failed too: the zone may hold part of it" + (why is null ? "" : ": " + why),
            FailoverEventTypes.RunFailed => what + " failed" + (why is null ? "" : ": " + why),
            _ => $"{what}: {detailType}",
        };
    }

    /// <summary>The timeline's sentence for drift: how much, of which kinds, and what the policy did about it.</summary>
    internal static string DriftSummary(DriftEventDetail detail)
    {
        var count = detail.DriftedItems == 1 ? "1 drifted item" : $"{detail.DriftedItems} drifted items";
        var kinds = string.Join(", ", detail.Kinds.Select(k => $"{k.Key} {k.Value}"));
        var repair = detail.RepairStatus is { } status ? $"; repair {status}" : "";
        return $"Drift found: {count}" + (kinds.Length > 0 ? $" ({kinds})" : "") + repair;
    }

    private static string Capitalized(string upper) =>
        upper.Length == 0 ? upper : upper[0] + upper[1..].ToLowerInvariant().Replace('_', ' ');

    // A cause can be a whole exception's text; the timeline keeps its start (the run's own page has it all).
    private static string? Shortened(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= 300 ? text.Trim() : text[..299].TrimEnd() + "…";

    private static IReadOnlyList<string> ExecutionResources(string? executionArn) =>
        executionArn is { Length: > 0 } arn && arn.StartsWith("arn:", StringComparison.Ordinal) ? [arn] : [];

    private static string Kebab(string detailType) => detailType.ToLowerInvariant().Replace(' ', '-');
}

/// <summary>What a run event says beyond the run itself.</summary>
public sealed record RunEventNote
{
    public string? CorrelationId { get; init; }
    public string? ExecutionArn { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public bool? RollbackFailed { get; init; }
}
