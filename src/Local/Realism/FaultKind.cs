namespace Failover.Local.Realism;

/// <summary>The failures the realism layer can inject into Route 53 calls, for the reliability tests.</summary>
public enum FaultKind
{
    /// <summary>400 <c>Throttling</c>, as when the account-wide request rate is exceeded.</summary>
    Throttling,
    /// <summary>400 <c>PriorRequestNotComplete</c>, as when the zone is still processing an earlier change.</summary>
    PriorRequestNotComplete,
    /// <summary>503 <c>ServiceUnavailable</c>: a server-side failure; nothing was applied.</summary>
    ServerError,
    /// <summary>The connection is cut before the request reaches Route 53: nothing was applied, no answer.</summary>
    DroppedConnection,
    /// <summary>The request is applied, then the connection is cut: the caller cannot know it succeeded.</summary>
    ResponseLostAfterApplied,
    /// <summary>
    /// The request is applied, then answered <c>500 InternalFailure</c>: a server error says the service failed, not
    /// that nothing happened, so the caller must read the state before it sends the request again.
    /// </summary>
    ServerErrorAfterApplied,
}
