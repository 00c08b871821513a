namespace Failover.Service.Workflow;

/// <summary>
/// How much work one invocation of a step takes on before it hands the rest to its next invocation. A step's work
/// grows with the tree (a layer of 1,500 health checks is 3,000 Route 53 requests, ten minutes at the account's 5
/// requests/s), a Lambda invocation's time does not (the functions' Timeout, 300 s): a step that tried to finish its
/// layer in one invocation timed out on big trees, and so did the Rollback that followed. A step checks its budget
/// before each unit of work (a health check, a change batch) and, once spent, answers a cursor to the same layer; the
/// next invocation picks up from the progress table (the node items record each unit as it is done).
/// Every invocation does at least one unit, so a run always moves forward, whatever the budget.
/// </summary>
public sealed class StepBudget
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan _allowance;

    public StepBudget(TimeProvider time, TimeSpan allowance)
    {
        _time = time;
        _allowance = allowance;
        _started = time.GetTimestamp();
    }

    /// <summary>No bound: the direct path and tests that run a whole plan at once.</summary>
    public static StepBudget Unlimited(TimeProvider time) => new(time, TimeSpan.MaxValue);

    /// <summary>Units of work done in this invocation.</summary>
    public int Done { get; private set; }

    /// <summary>True once at least one unit is done and the allowance is used up: stop before the next unit.</summary>
    public bool Spent => Done > 0 && _allowance != TimeSpan.MaxValue && _time.GetElapsedTime(_started) >= _allowance;

    public void Count(int units = 1) => Done += units;
}
