namespace Failover.Local.Resources;

/// <summary>What the local stack created (or found) at start-up, for the ready message and <c>/_local/health</c>.</summary>
public sealed record ProvisionedResources
{
    public required string ProgressTable { get; init; }
    public required string DriftQueueUrl { get; init; }
    public required string DriftQueueArn { get; init; }
    public required string DriftDeadLetterQueueUrl { get; init; }
    public required string DriftDeadLetterQueueArn { get; init; }
    /// <summary>State machine name → ARN, one per definition in src/StateMachine.</summary>
    public required IReadOnlyDictionary<string, string> StateMachines { get; init; }
    /// <summary>Zone name (without the final dot) → hosted zone id.</summary>
    public required IReadOnlyDictionary<string, string> HostedZones { get; init; }
    /// <summary>Private zones: name (without the final dot) → hosted zone id, each associated with <see cref="Vpc"/>.</summary>
    public IReadOnlyDictionary<string, string> PrivateHostedZones { get; init; } = new Dictionary<string, string>();
    /// <summary>The VPC of the private zones; null when there are none.</summary>
    public LocalVpc? Vpc { get; init; }
}
