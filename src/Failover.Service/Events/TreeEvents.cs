using System.Globalization;
using System.Text.Json;
using Failover.Core.Contracts;
using Failover.Core.Contracts.Events;
using Failover.Core.Drift;
using Failover.Service.Logging;
using Failover.Service.Ports;
using Failover.Service.Progress;

namespace Failover.Service.Events;

/// <summary>
/// Builds the service's events (<see cref="FailoverEventTypes"/>) from what the workflow and the drift check know and puts
/// them on the bus. Publishing is best effort: the run or check has already happened when its event goes out, and a bus
/// that refuses must not undo it or fail it — the failure is logged (level ERROR, <c>event_not_published</c>) instead.
/// </summary>
public sealed class TreeEvents(IEventBus bus, TimeProvider time, EventOptions? options = null, StructuredLogger? log = null)
{
    /// <summary>Events that go nowhere.</summary>
    public static TreeEvents None { get; } = new(NoEventBus.Instance, TimeProvider.System);

    private readonly EventOptions _options = options ?? new EventOptions();
    private readonly StructuredLogger _log = log ?? StructuredLogger.Silent;

    /// <summary>A run event: <paramref name="detailType"/> is one of the <c>Run …</c> types or <c>Drift Repaired</c>.</summary>
    public Task RunAsync(string detailType, RunRecord run, TreeDescriptor tree, RunStatus status, RunEventNote? note = null,
        CancellationToken cancellationToken = default)
    {
        note ??= new RunEventNote();
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
            Time = Now(),
            CorrelationId = note.CorrelationId,
            ExecutionArn = note.ExecutionArn ?? run.ExecutionArn,
            Error = note.Error,
            Cause = note.Cause,
            RollbackFailed = note.RollbackFailed,
        };
        return PutAsync(detailType, JsonSerializer.Serialize(detail, FailoverJson.Compact.RunEventDetail), run.Tree,
            ExecutionResources(detail.ExecutionArn), cancellationToken);
    }

    /// <summary><c>Drift Detected</c>, for a report with drifted items.</summary>
    public Task DriftDetectedAsync(TreeRecord tree, int version, DriftReport report, CancellationToken cancellationToken = default)
    {
        var descriptor = tree.Descriptor;
        var names = new List<string> { descriptor.RecordName };
        foreach (var item in report.Items)
            if (item.Record is { } record && !names.Contains(record.Name.TrimEnd('.'), StringComparer.OrdinalIgnoreCase))
                names.Add(record.Name.TrimEnd('.'));
        var detail = new DriftEventDetail
        {
            EventId = $"{tree.Name}/drift/{(report.CheckedAt ?? time.GetUtcNow()).ToUnixTimeMilliseconds()}",
            Tree = tree.Name,
            Version = version,
            RunId = tree.LastRunId ?? "",
            HostedZoneId = descriptor.HostedZoneId,
            RecordNames = names,
            RecordType = descriptor.RecordType,
            Link = _options.Link($"/trees/{Uri.EscapeDataString(tree.Name)}/drift"),
            Time = Now(),
            DriftedItems = report.DriftedItems,
            Kinds = report.Items.GroupBy(i => CamelNames.Of(i.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            RepairStatus = report.Repair is { } repair ? CamelNames.Of(repair.Status) : null,
            RepairRunId = report.Repair?.RunId,
        };
        return PutAsync(FailoverEventTypes.DriftDetected, JsonSerializer.Serialize(detail, FailoverJson.Compact.DriftEventDetail),
            tree.Name, [], cancellationToken);
    }

    /// <summary><c>Tree Answer Changed</c>.</summary>
    public Task AnswerChangedAsync(AnswerChangedDetail detail, CancellationToken cancellationToken = default) =>
        PutAsync(FailoverEventTypes.TreeAnswerChanged, JsonSerializer.Serialize(detail, FailoverJson.Compact.AnswerChangedDetail),
            detail.Tree, [], cancellationToken);

    /// <summary>The link and the time every event carries, for callers that build a detail themselves.</summary>
    public string Link(string path) => _options.Link(path);

    public string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task PutAsync(string detailType, string detail, string tree, IReadOnlyList<string> resources,
        CancellationToken cancellationToken)
    {
        try
        {
            await bus.PutAsync([new BusEvent(FailoverEventTypes.Source, detailType, detail) { Resources = resources }], cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            _log.Error("event_not_published", failure, ("detail_type", detailType), ("tree", tree));
        }
    }

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
