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
    private readonly long _since;
    private readonly TimeSpan _allowance;
    private int _started;
    private int _done;

    public StepBudget(TimeProvider time, TimeSpan allowance)
    {
        _time = time;
        _allowance = allowance;
        _since = time.GetTimestamp();
    }

    /// <summary>No bound: the direct path and tests that run a whole plan at once.</summary>
    public static StepBudget Unlimited(TimeProvider time) => new(time, TimeSpan.MaxValue);

    /// <summary>Units of work done in this invocation.</summary>
    public int Done => Volatile.Read(ref _done);

    /// <summary>
    /// True once a unit is started or done and the allowance is used up: start no further unit. Units run a few at a
    /// time (<see cref="LayerUnits"/>) count as started when they go out, so a budget of nothing still means one unit.
    /// </summary>
    public bool Spent => Math.Max(Volatile.Read(ref _started), Done) > 0 && _allowance != TimeSpan.MaxValue
        && _time.GetElapsedTime(_since) >= _allowance;

    /// <summary>A unit goes out (units run one at a time need not say so: <see cref="Count"/> is enough).</summary>
    public void Start() => Interlocked.Increment(ref _started);

    public void Count(int units = 1) => Interlocked.Add(ref _done, units);
}
