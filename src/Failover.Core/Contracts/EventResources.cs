namespace Failover.Core.Contracts;

/// <summary>The TreeEvent schema: one event of a tree's timeline, as the service published it on the bus.</summary>
public sealed record TreeEventResource
{
    /// <summary>The event's <c>eventId</c> on the bus.</summary>
    public required string EventId { get; init; }
    /// <summary>The event's <c>detail-type</c> (Run Started, Run Succeeded, ..., Tree Answer Changed).</summary>
    public required string DetailType { get; init; }
    public required string Time { get; init; }
    /// <summary>One sentence for people: what happened.</summary>
    public required string Summary { get; init; }
    public int? Version { get; init; }
    public string? RunId { get; init; }
    /// <summary>The API resource the event is about (the run, the drift report, the tree's health).</summary>
    public string? Link { get; init; }
}

/// <summary>The EventList schema: a tree's latest events, newest first.</summary>
public sealed record EventListResource(string Tree, IReadOnlyList<TreeEventResource> Events);
