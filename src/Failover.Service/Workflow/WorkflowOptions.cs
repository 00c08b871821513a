using System.Globalization;

namespace Failover.Service.Workflow;

/// <summary>
/// Settings of the workflow's steps, one set per deployment (the functions' environment). Validated at start-up; every
/// message names the setting and its environment variable.
/// </summary>
public sealed record WorkflowOptions
{
    public const string TableVariable = "FAILOVER_TABLE";
    public const string SyncPollVariable = "FAILOVER_SYNC_POLL_SECONDS";
    public const string SyncTimeoutVariable = "FAILOVER_SYNC_TIMEOUT_SECONDS";
    public const string LockTtlVariable = "FAILOVER_LOCK_TTL_SECONDS";
    public const string StepBudgetVariable = "FAILOVER_STEP_BUDGET_SECONDS";
    public const string HealthCheckConcurrencyVariable = "FAILOVER_HEALTH_CHECK_CONCURRENCY";
    public const string DefaultTable = "failover-progress";

    /// <summary>The progress table.</summary>
    public string TableName { get; init; } = DefaultTable;

    /// <summary>
    /// How long the state machine waits between GetChange polls. The CheckChange step hands it to the Wait state
    /// (<c>SecondsPath</c>), so one definition serves production (10 s) and the local stack's tests (1 s).
    /// </summary>
    public TimeSpan SyncPollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a run waits for INSYNC before it fails: Route 53 normally takes under 60 s.</summary>
    public TimeSpan SyncTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the tree's lock lasts without renewal. Every step renews it, so it must outlast the longest step plus
    /// Step Functions' retry backoff and the longest Wait.
    /// </summary>
    public TimeSpan LockTtl { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long one invocation of a layer step or of Rollback keeps starting new Route 53 work before it answers a
    /// cursor to the same layer and leaves the rest to its next invocation (<see cref="Workflow.StepBudget"/>). Well under the
    /// functions' Timeout (300 s; Rollback 600 s): the unit under way when it runs out (one health check, one change
    /// batch with its claims) must still finish, with the client's retries. Zero: one unit per invocation.
    /// </summary>
    public TimeSpan StepBudget { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Health checks a layer step or Rollback creates or deletes at a time (<see cref="LayerUnits"/>): enough that the
    /// account's request rate, not each check's round trips, sets the pace; few enough that one invocation's unfinished
    /// units at the end of its budget stay short. 1 restores one at a time.
    /// </summary>
    public int HealthCheckConcurrency { get; init; } = LayerUnits.DefaultConcurrency;

    public static WorkflowOptions FromEnvironment(Func<string, string?> environment)
    {
        var options = new WorkflowOptions();
        if (environment(TableVariable) is { Length: > 0 } table) options = options with { TableName = table };
        if (Seconds(environment, SyncPollVariable) is { } poll) options = options with { SyncPollInterval = poll };
        if (Seconds(environment, SyncTimeoutVariable) is { } timeout) options = options with { SyncTimeout = timeout };
        if (Seconds(environment, LockTtlVariable) is { } ttl) options = options with { LockTtl = ttl };
        if (Seconds(environment, StepBudgetVariable) is { } budget) options = options with { StepBudget = budget };
        if (environment(HealthCheckConcurrencyVariable) is { Length: > 0 } concurrency)
            options = options with
            {
                HealthCheckConcurrency = int.TryParse(concurrency, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
                    : throw new ArgumentException($"{HealthCheckConcurrencyVariable} must be a whole number; it is '{concurrency}'."),
            };
        return options.Validated();
    }

    public WorkflowOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(TableName))
            throw new ArgumentException($"WorkflowOptions.TableName ({TableVariable}) must name the progress table.");
        // The Wait state takes whole seconds.
        if (SyncPollInterval < TimeSpan.FromSeconds(1) || SyncPollInterval.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new ArgumentException($"WorkflowOptions.SyncPollInterval ({SyncPollVariable}) must be a whole number of seconds, at " +
                $"least 1; it is {SyncPollInterval.TotalSeconds}.");
        if (SyncTimeout < SyncPollInterval)
            throw new ArgumentException($"WorkflowOptions.SyncTimeout ({SyncTimeoutVariable}) must be at least the poll interval; it is " +
                $"{SyncTimeout.TotalSeconds} s.");
        if (LockTtl < TimeSpan.FromMinutes(1))
            throw new ArgumentException($"WorkflowOptions.LockTtl ({LockTtlVariable}) must be at least 60 seconds; it is " +
                $"{LockTtl.TotalSeconds} s.");
        // The longest function timeout is 300 s (Rollback 600 s); a budget near it would let a unit overrun the invocation.
        if (StepBudget < TimeSpan.Zero || StepBudget > TimeSpan.FromSeconds(240))
            throw new ArgumentException($"WorkflowOptions.StepBudget ({StepBudgetVariable}) must be between 0 and 240 seconds; it is " +
                $"{StepBudget.TotalSeconds} s.");
        if (HealthCheckConcurrency is < 1 or > 16)
            throw new ArgumentException($"WorkflowOptions.HealthCheckConcurrency ({HealthCheckConcurrencyVariable}) must be " +
                $"between 1 and 16; it is {HealthCheckConcurrency}.");
        return this;
    }

    private static TimeSpan? Seconds(Func<string, string?> environment, string variable)
    {
        var text = environment(variable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{variable} must be a whole number of seconds; it is '{text}'.");
    }
}
