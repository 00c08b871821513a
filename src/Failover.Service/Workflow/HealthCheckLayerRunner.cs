using Failover.Core.Alarms;
using Failover.Service.Alarms;
using Failover.Service.Apply;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Service.Workflow;

/// <summary>Creates and deletes a plan's health checks and their alarms, one at a time, each safe to repeat.</summary>
/// <param name="alarms">The deployment's health check alarms (null: it keeps none, and a plan that names one fails).</param>
public sealed class HealthCheckLayerRunner(IRoute53 route53, HealthCheckAlarmSource? alarms = null)
{
    /// <summary>References tried for one check before its refusal is the caller's (the plain one, then the sequence).</summary>
    public const int MaxReferenceAttempts = 20;

    /// <summary>
    /// Creates (or finds again) a planned check and tags it as the tree's. Route 53 answers a repeated CallerReference
    /// with the same config by returning the existing check, so a retry after a crash never makes a second one; the
    /// tags are written again, which changes nothing if they are there.
    /// </summary>
    /// <param name="knownIds">Node id → health check id of the checks earlier layers made: a CALCULATED check's children.</param>
    public async Task<string> CreateAsync(string tree, PlannedHealthCheck planned, IReadOnlyDictionary<string, string> knownIds,
        CancellationToken cancellationToken)
    {
        var config = ResolveChildren(planned, knownIds);
        var reference = planned.CallerReference;
        HealthCheck check;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                check = await route53.CreateHealthCheckAsync(reference, config, cancellationToken).ConfigureAwait(false);
                break;
            }
            // Route 53 refuses the reference of a deleted check, whatever the settings, for some days (API reference,
            // CreateHealthCheck: CallerReference): a tree the direct path tore down and applies again, or a config changed
            // and changed back. The next reference of a fixed sequence is tried (CallerReferences.Again).
            catch (HealthCheckAlreadyExistsException) when (attempt < MaxReferenceAttempts)
            {
                reference = CallerReferences.Again(planned.CallerReference, attempt);
            }
        }
        await route53.ChangeTagsForResourceAsync(check.Id, HealthCheckTags.For(tree, planned.NodeId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return check.Id;
    }

    /// <summary>
    /// The config with each child placeholder swapped for the id its node's check got in an earlier layer; a child with no
    /// id yet means the layers ran out of order, which throws rather than send Route 53 a placeholder.
    /// </summary>
    public static HealthCheckConfig ResolveChildren(PlannedHealthCheck planned, IReadOnlyDictionary<string, string> knownIds)
    {
        var config = planned.Config;
        if (config.ChildHealthChecks.Count == 0) return config;
        return config with
        {
            ChildHealthChecks = config.ChildHealthChecks.Select(child =>
                !HealthCheckPlaceholder.TryGetNodeId(child, out var node) ? child
                : knownIds.TryGetValue(node, out var id) ? id
                : throw new InvalidOperationException(
                    $"the health check of node '{planned.NodeId}' names node '{node}''s check, which has no id yet")).ToList(),
        };
    }

    /// <summary>
    /// Puts the alarm on a node's check (<see cref="HealthCheckAlarms.For"/>): PutMetricAlarm creates or overwrites by
    /// name, so a retry after a crash, or a run that finds the alarm changed by hand, converges on the same alarm.
    /// </summary>
    /// <param name="knownIds">Node id → health check id of the checks this run made (for an alarm planned before its check).</param>
    public async Task<string> PutAlarmAsync(string tree, PlannedHealthCheckAlarm planned, IReadOnlyDictionary<string, string> knownIds,
        CancellationToken cancellationToken)
    {
        var client = RequireAlarms();
        var id = planned.HealthCheckId ?? knownIds.GetValueOrDefault(planned.NodeId) ?? throw new InvalidOperationException(
            $"the alarm of node '{planned.NodeId}' is planned before the node's health check has an id");
        var alarm = HealthCheckAlarms.For(planned.NamePrefix, id);
        await client.Client.PutAsync(alarm, HealthCheckAlarmSource.TagsFor(tree, planned.NodeId), cancellationToken).ConfigureAwait(false);
        return alarm.Name;
    }

    /// <summary>
    /// Deletes a check nothing refers to any more, its alarm first (an alarm on a deleted check would sit in
    /// INSUFFICIENT_DATA for ever); either one already gone counts as deleted.
    /// </summary>
    public async Task DeleteAsync(HealthCheckDeletion deletion, CancellationToken cancellationToken)
    {
        if (deletion.AlarmName is { } alarm)
            await RequireAlarms().Client.DeleteAsync([alarm], cancellationToken).ConfigureAwait(false);
        if (deletion.AlarmOnly) return;
        try
        {
            await route53.DeleteHealthCheckAsync(deletion.HealthCheckId, cancellationToken).ConfigureAwait(false);
        }
        catch (NoSuchHealthCheckException)
        {
        }
    }

    private HealthCheckAlarmSource RequireAlarms() => alarms ?? throw new WorkflowStepException(WorkflowErrors.InvalidRun,
        $"the plan puts or deletes health check alarms, but this deployment keeps none ({HealthCheckAlarmSource.PrefixVariable} is unset)");
}
