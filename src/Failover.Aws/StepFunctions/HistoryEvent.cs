using Failover.Service.Ports;
using System.Text.Json.Serialization;

namespace Failover.Aws.StepFunctions;

/// <summary>
/// One event of an execution's history. Step Functions gives each event type its own details member; the ones the
/// service reads (states entered and exited, task and execution outcomes) share the fields of <see cref="EventDetails"/>.
/// </summary>
public sealed record HistoryEvent
{
    public long Id { get; init; }
    public long? PreviousEventId { get; init; }
    /// <summary>E.g. ExecutionStarted, TaskStateEntered, LambdaFunctionFailed, ExecutionSucceeded.</summary>
    public required string Type { get; init; }
    public DateTimeOffset Timestamp { get; init; }

    public EventDetails? ExecutionStartedEventDetails { get; init; }
    public EventDetails? ExecutionSucceededEventDetails { get; init; }
    public EventDetails? ExecutionFailedEventDetails { get; init; }
    public EventDetails? ExecutionAbortedEventDetails { get; init; }
    public EventDetails? ExecutionTimedOutEventDetails { get; init; }
    public EventDetails? StateEnteredEventDetails { get; init; }
    public EventDetails? StateExitedEventDetails { get; init; }
    public EventDetails? TaskScheduledEventDetails { get; init; }
    public EventDetails? TaskSucceededEventDetails { get; init; }
    public EventDetails? TaskFailedEventDetails { get; init; }
    public EventDetails? TaskTimedOutEventDetails { get; init; }
    public EventDetails? LambdaFunctionSucceededEventDetails { get; init; }
    public EventDetails? LambdaFunctionFailedEventDetails { get; init; }
    public EventDetails? LambdaFunctionTimedOutEventDetails { get; init; }

    /// <summary>The details this event carries, whichever its type.</summary>
    [JsonIgnore]
    public EventDetails? Details =>
        ExecutionStartedEventDetails ?? ExecutionSucceededEventDetails ?? ExecutionFailedEventDetails ?? ExecutionAbortedEventDetails
        ?? ExecutionTimedOutEventDetails ?? StateEnteredEventDetails ?? StateExitedEventDetails ?? TaskScheduledEventDetails
        ?? TaskSucceededEventDetails ?? TaskFailedEventDetails ?? TaskTimedOutEventDetails ?? LambdaFunctionSucceededEventDetails
        ?? LambdaFunctionFailedEventDetails ?? LambdaFunctionTimedOutEventDetails;
}

/// <summary>The fields shared by the event details: a state's name, input and output; a failure's error and cause.</summary>
public sealed record EventDetails
{
    public string? Name { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
    public string? Resource { get; init; }
    public string? ResourceType { get; init; }
}

/// <summary>One page of history; <see cref="NextToken"/> is null on the last page.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, string? NextToken);
