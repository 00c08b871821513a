namespace Failover.Aws.Http;

/// <summary>
/// How <see cref="AdaptiveRate"/> moves a rate: <see cref="Increase"/> requests/s more for each
/// <see cref="IncreaseInterval"/> in which requests went through and none was throttled (additive increase), times
/// <see cref="DecreaseFactor"/> on a <c>Throttling</c> answer (multiplicative decrease), within
/// [<see cref="MinRequestsPerSecond"/>, <see cref="MaxRequestsPerSecond"/>].
/// </summary>
public sealed record AdaptiveRateOptions
{
    public double MinRequestsPerSecond { get; init; } = 0.5;
    public double MaxRequestsPerSecond { get; init; } = 50;
    public double Increase { get; init; } = 0.5;
    public TimeSpan IncreaseInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A throttled request is retried, so a gentle cut costs little, while halving would throw away half of a rate that
    /// was right on one stray throttle (another tool in the account taking a burst).
    /// </summary>
    public double DecreaseFactor { get; init; } = 0.7;

    /// <summary>
    /// After a cut, further <c>Throttling</c> answers within this time are the same congestion (requests that were already
    /// in flight at the old rate) and do not cut again.
    /// </summary>
    public TimeSpan DecreaseHold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Throws with the name of the setting that is wrong (<paramref name="owner"/> names the options record).</summary>
    public void Validate(string owner)
    {
        if (!(MinRequestsPerSecond > 0) || double.IsInfinity(MinRequestsPerSecond))
            throw new ArgumentException($"{owner}.MinRequestsPerSecond must be a positive number; it is {MinRequestsPerSecond}.");
        if (!(MaxRequestsPerSecond >= MinRequestsPerSecond) || double.IsInfinity(MaxRequestsPerSecond))
            throw new ArgumentException(
                $"{owner}.MaxRequestsPerSecond must be a number at least MinRequestsPerSecond ({MinRequestsPerSecond}); " +
                $"it is {MaxRequestsPerSecond}.");
        if (!(Increase >= 0) || double.IsInfinity(Increase))
            throw new ArgumentException($"{owner}.Increase must be 0 or more requests/s; it is {Increase}.");
        if (IncreaseInterval <= TimeSpan.Zero)
            throw new ArgumentException($"{owner}.IncreaseInterval must be positive; it is {IncreaseInterval}.");
        if (!(DecreaseFactor > 0 && DecreaseFactor < 1))
            throw new ArgumentException($"{owner}.DecreaseFactor must be above 0 and below 1; it is {DecreaseFactor}.");
        if (DecreaseHold < TimeSpan.Zero)
            throw new ArgumentException($"{owner}.DecreaseHold must not be negative; it is {DecreaseHold}.");
    }
}
