using System.Collections.Concurrent;

namespace Failover.Reliability.Stack;

/// <summary>When a planned crash strikes: just after Route 53 applied a call (its answer never read), or just before sending it.</summary>
public enum CrashMoment
{
    AfterApplied,
    BeforeSent,
}

/// <summary>
/// Kill the invocation of <paramref name="Function"/> for <paramref name="Tree"/> (at <paramref name="Layer"/>, if given)
/// at its <paramref name="Mutation"/>-th Route 53 call that changes something. Fires once.
/// </summary>
public sealed record CrashPlan(string Tree, string Function, string? Layer, int Mutation, CrashMoment Moment)
{
    public override string ToString() => $"{Function}{(Layer is null ? "" : $"@{Layer}")} at change call #{Mutation} ({Moment})";
}

/// <summary>
/// The workflow functions' Route 53 transport, where a planned crash kills an invocation part-way through its layer:
/// after some of its changes reached Route 53 and before the function recorded them. A kill is a real stop — the
/// invocation's code never runs again (no catch, no finally): its task is left waiting forever, and the function host
/// reports what Lambda reports for a killed runtime.
/// </summary>
public sealed class CrashInjector() : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly AsyncLocal<StepInvocation?> CurrentInvocation = new();
    private readonly ConcurrentDictionary<string, CrashPlan> _plans = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(CrashPlan Plan, string Invocation)> _fired = new();
    private readonly ConcurrentDictionary<string, Func<StepInvocation, HttpRequestMessage, Task>> _beforeRequest =
        new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _mutationsByRun = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="hook"/> before every Route 53 request a workflow function of <paramref name="tree"/> sends
    /// (a zone read, a change), until removed: to act between a layer's zone read and its change.
    /// </summary>
    public IDisposable BeforeRequest(string tree, Func<StepInvocation, HttpRequestMessage, Task> hook)
    {
        _beforeRequest[tree] = hook;
        return new Removal(() => _beforeRequest.TryRemove(tree, out _));
    }

    /// <summary>Route 53 changes the run's functions sent (whether or not Route 53 took them).</summary>
    public int MutationsOf(string runId) => _mutationsByRun.GetValueOrDefault(runId);

    /// <summary>True for a ChangeResourceRecordSets request.</summary>
    public static bool IsRecordChange(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/rrset", StringComparison.Ordinal);

    /// <summary>True for a ListResourceRecordSets request (a zone read).</summary>
    public static bool IsZoneRead(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.TrimEnd('/').EndsWith("/rrset", StringComparison.Ordinal);

    /// <summary>The invocation whose code is running on this async flow, if any.</summary>
    public static StepInvocation? Current
    {
        get => CurrentInvocation.Value;
        set => CurrentInvocation.Value = value;
    }

    /// <summary>Plans one crash for a tree (replacing an unfired one).</summary>
    public void Arm(CrashPlan plan) => _plans[plan.Tree] = plan;

    /// <summary>Drops the tree's plan if it has not fired; true if one was dropped.</summary>
    public bool Disarm(string tree) => _plans.TryRemove(tree, out _);

    public IReadOnlyList<(CrashPlan Plan, string Invocation)> Fired => [.. _fired];

    public bool HasFired(string tree) => _fired.Any(f => f.Plan.Tree == tree);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Current is { } current && _beforeRequest.TryGetValue(current.Tree, out var hook)) await hook(current, request);
        if (Current is not { } invocation || !IsMutation(request)) return await base.SendAsync(request, cancellationToken);
        _mutationsByRun.AddOrUpdate(invocation.RunId, 1, (_, n) => n + 1);
        var number = invocation.NextMutation();
        var plan = _plans.TryGetValue(invocation.Tree, out var armed) && armed.Function == invocation.Function
            && (armed.Layer is null || armed.Layer == invocation.Layer) && armed.Mutation == number
                && _plans.TryRemove(new(invocation.Tree, armed))
            ? armed : null;
        if (plan is null) return await base.SendAsync(request, cancellationToken);

        if (plan.Moment == CrashMoment.AfterApplied)
        {
            using var applied = await base.SendAsync(request, cancellationToken);
        }
        _fired.Enqueue((plan, invocation.ToString()));
        invocation.Killed.TrySetResult();
        // The process is gone: nothing after this point of the function ever runs.
        await Task.Delay(Timeout.Infinite, CancellationToken.None);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>ChangeResourceRecordSets, CreateHealthCheck, DeleteHealthCheck, ChangeTagsForResource.</summary>
    private static bool IsMutation(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Delete) return path.Contains("/healthcheck/", StringComparison.Ordinal);
        if (request.Method != HttpMethod.Post) return false;
        return path.EndsWith("/rrset", StringComparison.Ordinal) || path.EndsWith("/rrset/", StringComparison.Ordinal)
            || path.EndsWith("/healthcheck", StringComparison.Ordinal)
            || (path.Contains("/tags/healthcheck/", StringComparison.Ordinal));
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
