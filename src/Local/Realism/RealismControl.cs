namespace Failover.Local.Realism;

/// <summary>
/// The realism layer's live settings and counters: read by every request, changed at run time by tests (in-process or
/// through <c>/_local/realism</c>). Settings change atomically and are validated before they take effect.
/// </summary>
public sealed class RealismControl
{
    private readonly Lock _gate = new();
    private RealismSettings _current;

    public RealismControl(RealismSettings initial, TimeProvider time)
    {
        Initial = initial.Validated();
        _current = Initial;
        Time = time;
        Stats = new RealismStats(time);
        RateLimiter = new RequestRateLimiter(time);
        OperationLimiter = new OperationRateLimiter(time);
        Faults = new FaultInjector();
        ServiceFaults = new FaultInjector();
        Propagation = new ChangePropagation(time);
        HealthChecks = new HealthCheckReferences();
        ObservedHealth = new ObservedHealthStatuses();
        RateLimiter.Configure(initial.RateLimit);
        OperationLimiter.Configure(initial.OperationLimits);
        Faults.Configure(initial.Faults);
        ServiceFaults.Configure(initial.ServiceFaults);
    }

    /// <summary>The settings the stack started with; <see cref="Reset"/> returns to them.</summary>
    public RealismSettings Initial { get; }

    public RealismSettings Current => Volatile.Read(ref _current);

    public TimeProvider Time { get; }
    public RealismStats Stats { get; }
    public RequestRateLimiter RateLimiter { get; }
    public OperationRateLimiter OperationLimiter { get; }
    public FaultInjector Faults { get; }
    /// <summary>Faults for DynamoDB and Step Functions calls (<see cref="ServiceFaultLayer"/>).</summary>
    public FaultInjector ServiceFaults { get; }
    public ChangePropagation Propagation { get; }
    public HealthCheckReferences HealthChecks { get; }
    /// <summary>Checker statuses set by tests; kept across <see cref="Reset"/>, which restores settings only.</summary>
    public ObservedHealthStatuses ObservedHealth { get; }

    /// <summary>
    /// Whether Route 53 would throttle a request of <paramref name="operation"/> now: null when it goes (its tokens
    /// taken), else the empty bucket (<see cref="OperationRateLimiter.Account"/> or <see cref="OperationRateLimiter.Operation"/>).
    /// </summary>
    public string? Throttle(string operation, RealismSettings settings) =>
        OperationLimiter.TryAcquire(operation, settings.RateLimit.Enabled ? RateLimiter : null);

    /// <summary>Replaces the settings; throws <see cref="ArgumentException"/> naming each invalid setting.</summary>
    public RealismSettings Update(Func<RealismSettings, RealismSettings> change) => Apply(change, restart: false);

    /// <summary>Back to the start-up settings, with a full request bucket and the fault sequence from its seed.</summary>
    public RealismSettings Reset() => Apply(_ => Initial, restart: true);

    private RealismSettings Apply(Func<RealismSettings, RealismSettings> change, bool restart)
    {
        lock (_gate)
        {
            var next = change(_current).Validated();
            RateLimiter.Configure(next.RateLimit, restart);
            OperationLimiter.Configure(next.OperationLimits, restart);
            Faults.Configure(next.Faults, restart);
            ServiceFaults.Configure(next.ServiceFaults, restart);
            Volatile.Write(ref _current, next);
            return next;
        }
    }
}
