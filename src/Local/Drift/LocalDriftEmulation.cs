using Amazon.SQS;
using Failover.Local.Aws;
using Failover.Local.Lambda;
using Failover.Local.Resources;

namespace Failover.Local.Drift;

/// <summary>
/// Drift detection on the local stack: the drift functions, the schedule, and the queue's event source mapping, all
/// pointed at the stack's edge and start-up resources.
/// </summary>
public sealed class LocalDriftEmulation : IAsyncDisposable
{
    private readonly LocalDriftServices _services;
    private readonly AmazonSQSClient _sqs;

    private LocalDriftEmulation(LocalDriftServices services, AmazonSQSClient sqs, DriftSchedule schedule, DriftQueuePoller? poller)
    {
        _services = services;
        _sqs = sqs;
        Schedule = schedule;
        Poller = poller;
    }

    public DriftSchedule Schedule { get; }

    /// <summary>The drift check of one tree, as the worker runs it (the API's <c>POST …/drift-check</c> uses it).</summary>
    public Failover.Service.Drift.TreeDriftCheck Check() => _services.Services.Check();

    /// <summary>The event source mapping; null when <see cref="DriftEmulationSettings.PollQueue"/> is off.</summary>
    public DriftQueuePoller? Poller { get; }

    /// <param name="lockTtl">The workflow's lock lifetime, which a repair run takes the tree's lock for.</param>
    public static LocalDriftEmulation Start(
        Uri edgeUrl, ProvisionedResources resources, FunctionRegistry functions, DriftEmulationSettings settings, TimeSpan lockTtl,
            Action<string>? log,
        Failover.Functions.Hosting.HostingOptions? hosting = null)
    {
        // The drift handlers get services that know the queue start-up made, replacing any registered before it existed.
        var services = new LocalDriftServices(edgeUrl, resources, settings.Clock, settings.MetricsOutput ?? Console.Out, lockTtl);
        LocalDriftFunctions.Register(functions, () => services.Services, settings.Clock, hosting);
        var sqs =
            new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = edgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        var schedule = new DriftSchedule(functions, settings.ScheduleInterval, settings.Clock, log);
        var poller = settings.PollQueue
            ? new DriftQueuePoller(sqs, functions, resources.DriftQueueUrl, resources.DriftQueueArn, settings, log)
            : null;
        return new LocalDriftEmulation(services, sqs, schedule, poller);
    }

    public async ValueTask DisposeAsync()
    {
        if (Poller is not null) await Poller.DisposeAsync();
        await Schedule.DisposeAsync();
        _sqs.Dispose();
        _services.Dispose();
    }
}
