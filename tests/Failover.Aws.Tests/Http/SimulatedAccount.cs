using Failover.Aws.Http;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// Route 53's side of <see cref="LayerSimulation"/>: the account's bucket and a bucket per listed operation ("Throttling
/// for Amazon Route 53 API requests": a request takes a token from both and is throttled if either is empty), refilled
/// continuously on the simulation's clock. A throttled request takes no token.
/// </summary>
internal sealed class SimulatedAccount(double perSecond, int burst, IReadOnlyDictionary<string, OperationLimit> operations,
    TimeProvider time)
{
    private readonly SimulatedAccountBucket _account = new(perSecond, burst, time);
    private readonly Dictionary<string, SimulatedAccountBucket> _operations = operations.ToDictionary(
        e => e.Key, e => new SimulatedAccountBucket(e.Value.PerSecond, e.Value.Burst, time), StringComparer.Ordinal);

    public bool TryTake(string operation)
    {
        var own = _operations.GetValueOrDefault(operation);
        if (!_account.HasToken() || own?.HasToken() == false) return false;
        _account.Take();
        own?.Take();
        return true;
    }
}
