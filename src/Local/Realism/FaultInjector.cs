namespace Failover.Local.Realism;

/// <summary>
/// Decides, request by request, whether to inject a fault and which, from a seeded <see cref="Random"/>: the same
/// settings and the same sequence of requests give the same faults, so a failing reliability run can be replayed.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private FaultSettings _settings = new();
    private Random _random = new(new FaultSettings().Seed);

    /// <summary>Applies new settings; changed settings (or <paramref name="restart"/>) restart the sequence from the seed.</summary>
    public void Configure(FaultSettings settings, bool restart = false)
    {
        lock (_gate)
        {
            if (settings == _settings && !restart) return;
            _settings = settings;
            _random = new Random(settings.Seed);
        }
    }

    /// <summary>The fault for this request, or null to let it through.</summary>
    public FaultKind? Draw(string operation)
    {
        lock (_gate)
        {
            if (_settings.Rate <= 0 || _settings.Kinds.Count == 0) return null;
            if (_settings.Operations.Count > 0 && !_settings.Operations.Contains(operation)) return null;
            if (_random.NextDouble() >= _settings.Rate) return null;
            return _settings.Kinds[_random.Next(_settings.Kinds.Count)];
        }
    }
}
