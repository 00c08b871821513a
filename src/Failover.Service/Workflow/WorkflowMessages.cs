using System.Text.Json.Serialization;

namespace Failover.Service.Workflow;

/// <summary>
/// The execution's input, written by <see cref="RunStarter"/>: ids only. The spec, the plan and the progress live in the
/// progress table; Step Functions carries 256 KB at most per state.
/// </summary>
public sealed record RunInput
{
    public required string RunId { get; init; }
    public required string Tree { get; init; }
    /// <summary>APPLY, ROLLBACK or TEARDOWN, for people reading the execution; the run item decides.</summary>
    public required string Kind { get; init; }
    public int Version { get; init; }
    /// <summary>Go ahead even if the change-size guard would refuse the plan.</summary>
    public bool Force { get; init; }
    /// <summary>
    /// The id the run's log lines carry (<c>correlation_id</c>): the API request's that started it, else the run id.
    /// Always set: every Task state passes it on, and a path missing from the input fails the state.
    /// </summary>
    public required string CorrelationId { get; init; }
}

/// <summary>What a Task state sends a step function: the run, and where the run stands.</summary>
public sealed record StepRequest
{
    public required string RunId { get; init; }
    public bool Force { get; init; }
    /// <summary>The run's correlation id (<see cref="RunInput.CorrelationId"/>); absent in runs started before it was passed.</summary>
    public string? CorrelationId { get; init; }
    public WorkflowCursor? Cursor { get; init; }
    /// <summary>What a <c>Catch</c> caught, for Rollback.</summary>
    public CaughtError? Error { get; init; }
    /// <summary>What went wrong in Rollback itself, when the run is abandoned.</summary>
    public CaughtError? RollbackError { get; init; }
    /// <summary>True: give the run up without touching the zone (the rollback failed).</summary>
    public bool? Abandon { get; init; }
}

/// <summary>
/// Where a run stands: the state to go to next (<see cref="Step"/>, a state name of the definition) and the layer of the
/// stored plan it works on. Every layer step answers with the cursor after its layer, so the order of layers is the
/// plan's — computed once, by the planner — and the state machine only dispatches on <see cref="Step"/>.
/// </summary>
public sealed record WorkflowCursor
{
    public required string Step { get; init; }
    /// <summary>Index of the layer in the plan (the next to run), or the layer count once they have all run.</summary>
    public int Layer { get; init; }
    public int Layers { get; init; }
    /// <summary>Name of the layer, for people reading the execution history.</summary>
    public string? LayerName { get; init; }
    /// <summary>
    /// Set when the step before ran out of its budget part-way through this layer: the units (health checks, change
    /// batches) it left for this invocation, for people reading the execution history.
    /// </summary>
    public int? Remaining { get; init; }
    /// <summary>How long the Wait state waits before the next GetChange (WaitForSync only).</summary>
    public int? WaitSeconds { get; init; }
    /// <summary>When waiting for INSYNC gives up (ISO 8601), set by the first CheckChange.</summary>
    public string? SyncDeadline { get; init; }
}

/// <summary>The error output of a Step Functions <c>Catch</c>: <c>{"Error": …, "Cause": …}</c>.</summary>
public sealed record CaughtError
{
    [JsonPropertyName("Error")]
    public string? Error { get; init; }

    [JsonPropertyName("Cause")]
    public string? Cause { get; init; }
}

/// <summary>What Finalize and Rollback answer: the run's outcome, and for a failure the error and a readable cause.</summary>
public sealed record RunOutcome
{
    public required string RunId { get; init; }
    public required string Status { get; init; }
    public string? Error { get; init; }
    public string? Cause { get; init; }
}

/// <summary>Source-generated (AOT-safe) serialization of the workflow's messages.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(RunInput))]
[JsonSerializable(typeof(StepRequest))]
[JsonSerializable(typeof(WorkflowCursor))]
[JsonSerializable(typeof(CaughtError))]
[JsonSerializable(typeof(RunOutcome))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;
