using Failover.Reliability.Stack;

namespace Failover.Reliability.Tests;

/// <summary>
/// A reliability stack of its own for each collection: its scenarios run one after the other on it, as the command
/// runs them, while the collections run side by side (their time is mostly spent waiting on Step Functions).
/// </summary>
public abstract class SuiteStackFixture : IAsyncLifetime
{
    private ReliabilityStack? _stack;

    public ReliabilityStack Stack => _stack ?? throw new InvalidOperationException("the stack is not started");

    public async Task InitializeAsync() => _stack = await ReliabilityStack.StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }
}
