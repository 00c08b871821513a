using Failover.Service.Events;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using Failover.Service.Ports.Route53;
using Failover.Core.Spec;
using Failover.Service.Zones;

namespace Failover.Service.Drift;

/// <summary>
/// What the drift functions work with, built once per process (the function host from its environment, the local
/// stack from its endpoints, tests from moto). <see cref="Send"/> is SendMessageBatch of the SQS client.
/// </summary>
public sealed record DriftServices(
    IProgressStore Store,
    IRoute53 Route53,
    SendMessageBatch Send,
    string? QueueUrl,
    TimeProvider Time,
    TextWriter MetricsOutput,
    IDriftRepair? Repair,
    DriftPolicy DefaultPolicy = DriftPolicy.Report)
{
    /// <summary>The zones a repair may write in; the composition root sets the deployment's list.</summary>
    public ZoneAllowList AllowedZones { get; init; } = ZoneAllowList.Any;

    /// <summary>Where the drift check's events go.</summary>
    public TreeEvents Events { get; init; } = TreeEvents.None;

    /// <summary>The deployment's health check alarms, checked for drift with the tree's checks (null: none are kept).</summary>
    public Alarms.HealthCheckAlarmSource? Alarms { get; init; }

    public DriftScheduler Scheduler() => new(Store, Send, QueueUrl
        ?? throw new InvalidOperationException($"the drift scheduler needs the queue's URL ({DriftOptions.QueueUrlVariable})"), Time)
    {
        Metrics = new DriftMetrics(MetricsOutput),
    };

    public TreeDriftCheck Check() =>
        new(Store, Route53, new DriftMetrics(MetricsOutput), Time, Repair, DefaultPolicy, AllowedZones)
        {
            Events = Events, Alarms = Alarms,
        };

    public DriftWorker Worker(Action<DriftWorkItem, Exception>? onFailure = null)
    {
        var zone = new ZoneDriftCheck(Check(), Route53, new DriftMetrics(MetricsOutput), Time);
        return new DriftWorker(zone.RunAsync) { OnFailure = onFailure };
    }
}
