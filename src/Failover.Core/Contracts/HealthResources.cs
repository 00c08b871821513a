namespace Failover.Core.Contracts;

/// <summary>The TreeHealth schema: what Route 53's checkers observe now for each health-checked endpoint.</summary>
public sealed record TreeHealthResource(string Tree, int Version, string ObservedAt, IReadOnlyList<NodeHealthResource> Nodes);

/// <summary>One endpoint's checkers: <see cref="Health"/> is healthy, unhealthy or unknown (no checker reported).</summary>
public sealed record NodeHealthResource(
    string NodeId, string HealthCheckId, string Health, int Checkers, int HealthyCheckers, IReadOnlyList<string> Statuses);
