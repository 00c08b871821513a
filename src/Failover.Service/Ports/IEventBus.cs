namespace Failover.Service.Ports;

/// <summary>One event for the bus: its detail type, its detail (a JSON object) and the ARNs it concerns.</summary>
public sealed record BusEvent(string Source, string DetailType, string Detail)
{
    public IReadOnlyList<string> Resources { get; init; } = [];
}

/// <summary>Where the service's events go (EventBridge PutEvents on the deployment's bus).</summary>
public interface IEventBus
{
    /// <summary>Puts the events; throws when the bus refused any of them.</summary>
    Task PutAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken = default);
}

/// <summary>A bus that drops every event: for parts built without one (tests of other things, the CLI's direct mode).</summary>
public sealed class NoEventBus : IEventBus
{
    public static readonly NoEventBus Instance = new();

    private NoEventBus()
    {
    }

    public Task PutAsync(IReadOnlyList<BusEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
