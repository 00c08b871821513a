namespace Failover.Service.Ports.Route53;

/// <summary>
/// The Route 53 requests one unit of work sent (every attempt, retries included: each spends from the account's rate)
/// and how many Route 53 answered <c>Throttling</c> (API reference, "Common Errors": HTTP 400, "Rate exceeded").
/// A workflow step opens one with <see cref="Begin"/>; the Route 53 client counts into the one its caller opened.
/// </summary>
/// <remarks>
/// Carried by the async flow rather than by the client: one client (and its process-wide rate) serves every run of a
/// process, and the local stack runs several runs' steps at once in one process, so a counter on the client would mix
/// them. A call made outside any opened tally is not counted.
/// </remarks>
public sealed class Route53Usage
{
    private static readonly AsyncLocal<Route53Usage?> Open = new();
    private long _requests;
    private long _throttles;

    /// <summary>The tally the current flow counts into; null outside one.</summary>
    public static Route53Usage? Current => Open.Value;

    /// <summary>
    /// Opens a tally for the calling flow and what it awaits from here on. Called from a synchronous method, so the value
    /// lands in the caller's flow (an async method's changes to an <see cref="AsyncLocal{T}"/> end with it).
    /// </summary>
    public static Route53Usage Begin()
    {
        var usage = new Route53Usage();
        Open.Value = usage;
        return usage;
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Throttles => Interlocked.Read(ref _throttles);

    /// <summary>One request was answered; <paramref name="throttled"/>: with <c>Throttling</c>.</summary>
    public void Count(bool throttled)
    {
        Interlocked.Increment(ref _requests);
        if (throttled) Interlocked.Increment(ref _throttles);
    }

    /// <summary>Counts into the current flow's tally, if one is open.</summary>
    public static void CountCurrent(bool throttled) => Current?.Count(throttled);
}
