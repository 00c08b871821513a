using Failover.Service.Ports;
namespace Failover.Aws.StepFunctions;

/// <summary>What StartExecution returns.</summary>
public sealed record StartedExecution(string ExecutionArn, DateTimeOffset StartDate);

/// <summary>An execution as DescribeExecution tells it; <see cref="Status"/> is RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</summary>
public sealed record ExecutionDescription
{
    public required string ExecutionArn { get; init; }
    public required string StateMachineArn { get; init; }
    public string? Name { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset StartDate { get; init; }
    public DateTimeOffset? StopDate { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }

    public bool IsRunning => Status == "RUNNING";
}

/// <summary>An execution in a ListExecutions page.</summary>
public sealed record ExecutionListItem
{
    public required string ExecutionArn { get; init; }
    public required string StateMachineArn { get; init; }
    public required string Name { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset StartDate { get; init; }
    public DateTimeOffset? StopDate { get; init; }
}

/// <summary>One page of executions; <see cref="NextToken"/> is null on the last page.</summary>
public sealed record ExecutionPage(IReadOnlyList<ExecutionListItem> Executions, string? NextToken);
