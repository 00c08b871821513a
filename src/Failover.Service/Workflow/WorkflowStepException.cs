using System.Net;
using Failover.Service.Ports;

namespace Failover.Service.Workflow;

/// <summary>
/// The error names the workflow's functions fail with: the state machine's <c>Retry</c> and <c>Catch</c> match on them,
/// and the run's error starts with one.
/// </summary>
public static class WorkflowErrors
{
    /// <summary>Throttling, a busy zone, a server error, a lost connection: the same step may succeed later.</summary>
    public const string Transient = "TransientFailure";
    /// <summary>The zone holds records the tree does not own where the plan would write.</summary>
    public const string RecordConflict = "RecordConflict";
    /// <summary>The change-size guard refused the plan (the run was started without force).</summary>
    public const string ChangeTooLarge = "ChangeTooLarge";
    /// <summary>Another run took the tree's lock over (this run's lock had expired).</summary>
    public const string LockLost = "LockLost";
    /// <summary>Route 53 did not report the run's changes INSYNC in time.</summary>
    public const string SyncTimeout = "SyncTimeout";
    /// <summary>After the last layer the zone does not hold what the plan wrote.</summary>
    public const string VerificationFailed = "VerificationFailed";
    /// <summary>The run is unknown or no longer RUNNING.</summary>
    public const string RunNotRunning = "RunNotRunning";
    /// <summary>The tree's hosted zone is not in the deployment's allow-list (<c>ALLOWED_HOSTED_ZONE_IDS</c>).</summary>
    public const string ZoneNotAllowed = "ZoneNotAllowed";
    /// <summary>The spec attaches, by id, a health check tagged as another tree's.</summary>
    public const string ForeignHealthCheck = "ForeignHealthCheck";
    /// <summary>The stored spec or plan cannot be used.</summary>
    public const string InvalidRun = "InvalidRun";
}

/// <summary>A step failed for a reason with a name the state machine understands (<see cref="WorkflowErrors"/>).</summary>
public sealed class WorkflowStepException(string errorName, string message, Exception? innerException = null) : Exception(message,
    innerException)
{
    public string ErrorName { get; } = errorName;

    public bool IsRetryable => ErrorName == WorkflowErrors.Transient;

    /// <summary>
    /// The named failure an exception stands for: retryable AWS answers (the store and the wire clients give every
    /// SDK and service error as <see cref="AwsServiceException"/>) and transport failures become
    /// <see cref="WorkflowErrors.Transient"/> (after the clients' own retries gave up, Step Functions tries the whole
    /// step again later); anything else keeps its own name and goes to Rollback.
    /// </summary>
    public static WorkflowStepException? Classify(Exception exception, CancellationToken cancellationToken = default) => exception switch
    {
        WorkflowStepException named => named,
        AwsServiceException { IsRetryable: true } aws => Transient(aws.Message, aws),
        HttpRequestException http => Transient($"connection failed: {http.Message}", http),
        TaskCanceledException timeout when !cancellationToken.IsCancellationRequested => Transient("a request timed out", timeout),
        _ => null,
    };

    private static WorkflowStepException Transient(string message, Exception inner) => new(WorkflowErrors.Transient, message, inner);
}
