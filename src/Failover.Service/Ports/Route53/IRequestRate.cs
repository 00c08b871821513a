namespace Failover.Service.Ports.Route53;

/// <summary>
/// The Route 53 request rate a client has learned from Route 53's answers (it rises while requests go through and falls
/// when Route 53 answers <c>Throttling</c>). The functions of one run each live in a process of their own, so the
/// workflow hands the rate one function ended with to the next (<see cref="Workflow.RunRequestRate"/>).
/// </summary>
public interface IRequestRate
{
    /// <summary>The requests per second the client sends at now.</summary>
    double RequestsPerSecond { get; }

    /// <summary>Continues from a rate learned earlier, kept within the client's bounds.</summary>
    void Resume(double requestsPerSecond);
}
