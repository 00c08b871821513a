namespace Failover.Service.Progress;

/// <summary>
/// One event of a tree as its timeline keeps it (<c>GET /trees/{name}/events</c>): what the service published on the bus,
/// in a sentence, with the run and version it is about.
/// </summary>
/// <param name="EventId">The event's <c>eventId</c> on the bus; a repeated publish repeats it, and readers keep one.</param>
/// <param name="DetailType">One of <see cref="Failover.Core.Contracts.Events.FailoverEventTypes"/>.</param>
public sealed record TreeEventRecord(string Tree, string EventId, string DetailType, DateTimeOffset Time, string Summary)
{
    public int? Version { get; init; }
    public string? RunId { get; init; }

    /// <summary>The API resource the event links to (the run, the drift report, the tree's health).</summary>
    public string? Link { get; init; }
}
