using Amazon.SQS;
using Failover.Composition;
using Failover.Local.Aws;
using Failover.Local.Lambda;
using Failover.Local.Resources;
using Failover.Service.Apply;
using Failover.Service.Drift;
using Failover.Service.Logging;

namespace Failover.Local.Drift;

/// <summary>
/// Drift detection on the local stack: the drift functions, the schedule, and the queue's event source mapping, all
/// pointed at the stack's edge and start-up resources.
/// </summary>
public sealed class LocalDriftEmulation : IAsyncDisposable
{
    private readonly FailoverServices _services;
    private readonly DriftServices _drift;
    private readonly AmazonSQSClient _sqs;

    private LocalDriftEmulation(
        FailoverServices services, DriftServices drift, AmazonSQSClient sqs, DriftSchedule schedule, DriftQueuePoller? poller)
    {
        _services = services;
        _drift = drift;
        _sqs = sqs;
        Schedule = schedule;
        Poller = poller;
    }

    public DriftSchedule Schedule { get; }

    /// <summary>The drift check of one tree, as the worker runs it (the API's <c>POST …/drift-check</c> uses it).</summary>
    public TreeDriftCheck Check() => _drift.Check();

    /// <summary>The event source mapping; null when <see cref="DriftEmulationSettings.PollQueue"/> is off.</summary>
    public DriftQueuePoller? Poller { get; }

    /// <param name="services">The composition root's settings for the stack, with the resources start-up made.</param>
    public static LocalDriftEmulation Start(
        FailoverSettings services, ProvisionedResources resources, FunctionRegistry functions, DriftEmulationSettings settings,
        StructuredLogger? log, Failover.Functions.Hosting.HostingOptions? hosting = null)
    {
        var root = FailoverServices.Create(services with { Time = settings.Clock });
        // Repair is a workflow run, as deployed, when start-up made the state machine; a stack without one (tests that
        // leave the definitions out) repairs in-process with the direct applier behind the same interface.
        var drift = root.Drift(settings.MetricsOutput ?? Console.Out, new DirectDriftRepair(root.Store,
            compile => new DirectApplier(root.Route53, root.Store, settings.Clock)
            {
                SyncPollInterval = TimeSpan.FromMilliseconds(500),
                CompileOptions = compile,
                Alarms = root.Alarms,
            }, settings.Clock));
        // The drift handlers get services that know the queue start-up made, replacing any registered before it existed.
        LocalDriftFunctions.Register(functions, () => drift, settings.Clock, hosting);
        var sqs = new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = services.Endpoint!.ToString(), AuthenticationRegion = LocalAccount.Region });
        var schedule = new DriftSchedule(functions, settings.ScheduleInterval, settings.Clock, log);
        var poller = settings.PollQueue
            ? new DriftQueuePoller(sqs, functions, resources.DriftQueueUrl, resources.DriftQueueArn, settings, log)
            : null;
        return new LocalDriftEmulation(root, drift, sqs, schedule, poller);
    }

    public async ValueTask DisposeAsync()
    {
        if (Poller is not null) await Poller.DisposeAsync();
        await Schedule.DisposeAsync();
        _sqs.Dispose();
        _services.Dispose();
    }
}
