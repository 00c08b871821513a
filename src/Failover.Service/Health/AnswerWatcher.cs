using Failover.Core.Contracts.Events;
using Failover.Core.Diagram;
using Failover.Core.Health;
using Failover.Core.Simulation;
using Failover.Service.Adapters;
using Failover.Service.Apply;
using Failover.Service.Events;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;

namespace Failover.Service.Health;

/// <summary>What one health check's change of state came to: the event published, or why none was.</summary>
public sealed record AnswerWatchResult(string HealthCheckId, string? Tree, AnswerChangedDetail? Published, string? NothingBecause)
{
    public static AnswerWatchResult Nothing(string healthCheckId, string? tree, string because) => new(healthCheckId, tree, null, because);
}

/// <summary>
/// Told that a health check changed state (its CloudWatch alarm on Route 53's <c>HealthCheckStatus</c>, or the local
/// stack's <c>/_local/health-status</c>), finds the tree the check belongs to by its <c>failover:tree</c> tag, reads the
/// health of every check of the tree, and asks the simulator who answers now and who answered with the check in its
/// old state. Publishes one <c>Tree Answer Changed</c> when some client's answer moved, none otherwise (a weight-0 or
/// otherwise unused endpoint failing moves nothing).
/// </summary>
/// <remarks>
/// Flapping is damped twice. The alarm changes state only after its evaluation periods agree (the template's alarms: 2
/// of 3 one-minute periods), so a blip shorter than that never arrives here. Then the health is read again here: a
/// check already back in its old state when the change arrives publishes nothing, so a late alarm never announces an
/// answer that no longer holds.
/// </remarks>
public sealed class AnswerWatcher(IProgressStore store, IRoute53 route53, TreeEvents events)
{
    /// <summary>Where <c>AnswerChanges</c> goes, one per event published.</summary>
    public Metrics.RunMetrics Metrics { get; init; } = Failover.Service.Metrics.RunMetrics.None;

    public async Task<AnswerWatchResult> HealthCheckChangedAsync(string healthCheckId, HealthState state,
        CancellationToken cancellationToken = default)
    {
        var tags = await route53.ListTagsForResourceAsync(healthCheckId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (HealthCheckTags.Find(tags, HealthCheckTags.Tree) is not { } treeName)
            return AnswerWatchResult.Nothing(healthCheckId, null, "the health check carries no failover:tree tag: no tree's check");
        var tree = await store.GetTreeAsync(treeName, cancellationToken).ConfigureAwait(false);
        if (tree is not { CurrentVersion: { } version } || tree.Status is TreeStatus.Deleted or TreeStatus.Deleting)
            return AnswerWatchResult.Nothing(healthCheckId, treeName, "the tree has no applied version");
        var spec = await StoredSpecs.LoadAsync(store, treeName, version, cancellationToken).ConfigureAwait(false);

        var checks = await new Route53HealthStatuses(route53).ReadAsync(spec, cancellationToken).ConfigureAwait(false);
        var changed = checks.FirstOrDefault(c => c.HealthCheckId == healthCheckId);
        if (changed is null)
            return AnswerWatchResult.Nothing(healthCheckId, treeName, $"version {version} of the tree does not use the check");
        if (CheckerVerdict.Of(changed.Statuses) != state)
            return AnswerWatchResult.Nothing(healthCheckId, treeName,
                $"the check is no longer {Name(state)} (it changed back before its answer was computed)");

        var now = checks.Where(c => CheckerVerdict.Of(c.Statuses) == HealthState.Unhealthy).Select(c => c.NodeId)
            .ToHashSet(StringComparer.Ordinal);
        var before = new HashSet<string>(now, StringComparer.Ordinal);
        if (state == HealthState.Unhealthy) before.Remove(changed.NodeId);
        else before.Add(changed.NodeId);
        if (TreeAnswers.Compare(spec, before, now) is not { } change)
            return AnswerWatchResult.Nothing(healthCheckId, treeName,
                $"no client's answer depends on '{changed.NodeId}' being {Name(state)}");

        var detail = new AnswerChangedDetail
        {
            EventId = $"{treeName}/answer/{healthCheckId}/{Name(state)}/{events.Now()}",
            Tree = treeName,
            Version = version,
            RunId = tree.LastRunId ?? "",
            HostedZoneId = spec.HostedZoneId,
            RecordNames = [spec.RecordName],
            RecordType = spec.RecordType,
            Link = events.Link($"/trees/{Uri.EscapeDataString(treeName)}/health"),
            Time = events.Now(),
            Summary = change.Summary,
            Answers = change.After.Select(Contract).ToList(),
            Previous = change.Before.Select(Contract).ToList(),
            UnhealthyNodes = change.Unhealthy,
            Changes = [new HealthCheckChange(healthCheckId, changed.NodeId, Name(state).ToUpperInvariant())],
        };
        await events.AnswerChangedAsync(detail, cancellationToken).ConfigureAwait(false);
        Metrics.AnswerChanged(treeName);
        return new AnswerWatchResult(healthCheckId, treeName, detail, null);
    }

    private static LocationAnswer Contract(LocationAnswerSet answer) => new(answer.Location, answer.Nodes, answer.Values);

    private static string Name(HealthState state) => state == HealthState.Healthy ? "healthy" : "unhealthy";
}
