namespace Failover.Reliability.Suite;

/// <summary>
/// How many cases each scenario tries: <see cref="Smoke"/> is what the tests and CI run (minutes on two cores),
/// <see cref="Full"/> what the command runs by default.
/// </summary>
public enum Scale
{
    Smoke,
    Full,
}
