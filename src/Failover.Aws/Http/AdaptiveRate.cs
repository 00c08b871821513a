using Failover.Service.Ports.Route53;

namespace Failover.Aws.Http;

/// <summary>
/// Additive increase, multiplicative decrease of a <see cref="TokenBucket"/>'s refill rate, from the answers the
/// requests get. The limit is the account's and not known to the client: Route 53 documents 5 requests/s per account
/// (Developer Guide, "Quotas", quotas on API requests), newer accounts get 10/s with a burst of 50 (Developer Guide,
/// "Throttling for Amazon Route 53 API requests"), a quota increase raises it, and every other tool in the account
/// spends from it. So the client starts at the configured rate, probes upwards while requests go through, and backs
/// off when Route 53 answers <c>Throttling</c> (ibid.: HTTP 400, Code <c>Throttling</c>, "Rate exceeded"): a raised
/// limit gets used, a busy account gets room. Time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class AdaptiveRate : IRequestRate
{
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private long _lastChange;
    private long? _lastDecrease;

    public AdaptiveRate(TokenBucket bucket, AdaptiveRateOptions options, TimeProvider? time = null)
    {
        options.Validate(nameof(AdaptiveRateOptions));
        _bucket = bucket;
        Options = options;
        _time = time ?? TimeProvider.System;
        _lastChange = _time.GetTimestamp();
        _bucket.SetRate(Clamp(bucket.TokensPerSecond));
    }

    public AdaptiveRateOptions Options { get; }

    public double RequestsPerSecond => _bucket.TokensPerSecond;

    /// <summary><c>Throttling</c> answers seen, and the cuts they caused (a burst of them within the hold is one cut).</summary>
    public long Throttles { get; private set; }

    public long Decreases { get; private set; }

    /// <summary>
    /// A request went through: one <see cref="AdaptiveRateOptions.Increase"/> per interval since the last change, while
    /// the rate is what holds the client back (its bucket has less than a token left). A client whose requests are
    /// few or slow learns nothing about the account's limit from them; raising its rate then would only let the next
    /// burst of work go out far above the limit. Reads wait until a token is left above the bucket's read reserve, so
    /// a client held back by its rate keeps less than one token above that reserve; a balance at the reserve is not
    /// a free bucket.
    /// </summary>
    public void OnAccepted()
    {
        if (_bucket.Balance >= _bucket.ReadReserve + 1) return;
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_lastChange, now) < Options.IncreaseInterval) return;
            _lastChange = now;
            _bucket.SetRate(Clamp(_bucket.TokensPerSecond + Options.Increase));
        }
    }

    /// <summary>Route 53 answered <c>Throttling</c>: cut the rate, unless it was cut within the hold.</summary>
    public void OnThrottled()
    {
        lock (_gate)
        {
            Throttles++;
            var now = _time.GetTimestamp();
            if (_lastDecrease is { } last && _time.GetElapsedTime(last, now) < Options.DecreaseHold) return;
            _lastDecrease = now;
            _lastChange = now;
            Decreases++;
            _bucket.SetRate(Clamp(_bucket.TokensPerSecond * Options.DecreaseFactor));
        }
    }

    public void Resume(double requestsPerSecond)
    {
        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond)) return;
        lock (_gate)
        {
            _lastChange = _time.GetTimestamp();
            _bucket.SetRate(Clamp(requestsPerSecond));
        }
    }

    private double Clamp(double rate) => Math.Clamp(rate, Options.MinRequestsPerSecond, Options.MaxRequestsPerSecond);
}
