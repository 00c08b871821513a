using Failover.Core.Validation;

namespace Failover.Bench.PlannerScale;

/// <summary>
/// The default limits stop at 10,000 nodes (one apply's comfortable size); the benchmarks measure beyond them, so they
/// validate without the size limits (every other rule still applies).
/// </summary>
internal static class ScaleLimits
{
    public static readonly ValidationLimits Unlimited = new() { MaxNodes = int.MaxValue, MaxSpecBytes = int.MaxValue };
}
