using Failover.Reliability.Stack;

namespace Failover.Reliability.Tests;

/// <summary>One reliability stack for the scenarios of a collection; they run one after the other on it, as the command runs them.</summary>
public sealed class SuiteStackFixture : IAsyncLifetime
{
    private ReliabilityStack? _stack;

    public ReliabilityStack Stack => _stack ?? throw new InvalidOperationException("the stack is not started");

    public async Task InitializeAsync() => _stack = await ReliabilityStack.StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }
}
