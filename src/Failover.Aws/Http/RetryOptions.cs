using Failover.Service.Ports;
namespace Failover.Aws.Http;

/// <summary>Capped exponential backoff with full jitter: the wait before retry n is uniform in [0, min(max, base·2ⁿ⁻¹)).</summary>
public sealed record RetryOptions(int MaxRetries, TimeSpan BaseBackoff, TimeSpan MaxBackoff)
{
    /// <summary>The ceiling of the wait before retry <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan Ceiling(int retry)
    {
        var exponent = Math.Min(retry - 1, 30);
        var ceiling = BaseBackoff.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(ceiling, MaxBackoff.TotalMilliseconds));
    }

    /// <summary>The wait before retry <paramref name="retry"/>, given a uniform draw in [0, 1).</summary>
    public TimeSpan Delay(int retry, double uniform) => TimeSpan.FromMilliseconds(Ceiling(retry).TotalMilliseconds * uniform);

    /// <summary>Throws with the name of the setting that is wrong (<paramref name="owner"/> names the options record).</summary>
    public void Validate(string owner)
    {
        if (MaxRetries is < 0 or > 50)
            throw new ArgumentException($"{owner}.MaxRetries must be between 0 and 50; it is {MaxRetries}.", nameof(MaxRetries));
        if (BaseBackoff <= TimeSpan.Zero)
            throw new ArgumentException($"{owner}.BaseBackoff must be positive; it is {BaseBackoff}.", nameof(BaseBackoff));
        if (MaxBackoff < BaseBackoff)
            throw new ArgumentException($"{owner}.MaxBackoff must be at least BaseBackoff ({BaseBackoff}); it is {MaxBackoff}.",
                nameof(MaxBackoff));
    }
}
