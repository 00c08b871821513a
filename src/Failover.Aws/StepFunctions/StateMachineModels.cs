using Failover.Service.Ports;
namespace Failover.Aws.StepFunctions;

/// <summary>What CreateStateMachine returns.</summary>
public sealed record CreatedStateMachine(string StateMachineArn, DateTimeOffset CreationDate);

/// <summary>A state machine as DescribeStateMachine tells it.</summary>
public sealed record StateMachineDescription
{
    public required string StateMachineArn { get; init; }
    public required string Name { get; init; }
    public string? Status { get; init; }
    public required string Definition { get; init; }
    public required string RoleArn { get; init; }
    /// <summary>STANDARD or EXPRESS.</summary>
    public required string Type { get; init; }
    public DateTimeOffset CreationDate { get; init; }
}

/// <summary>A state machine in a ListStateMachines page.</summary>
public sealed record StateMachineListItem
{
    public required string StateMachineArn { get; init; }
    public required string Name { get; init; }
    /// <summary>STANDARD or EXPRESS; emulators leave it out, and STANDARD is what a machine is unless created otherwise.</summary>
    public string Type { get; init; } = "STANDARD";
    public DateTimeOffset CreationDate { get; init; }
}

/// <summary>One page of state machines; <see cref="NextToken"/> is null on the last page.</summary>
public sealed record StateMachinePage(IReadOnlyList<StateMachineListItem> StateMachines, string? NextToken);
