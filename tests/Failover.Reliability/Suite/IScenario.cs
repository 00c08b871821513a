using Failover.Reliability.Figures;

namespace Failover.Reliability.Suite;

/// <summary>One part of the suite: it tries cases against the stack and counts what happened.</summary>
public interface IScenario
{
    /// <summary>Short name, used on the command line (<c>--only</c>) and in the table.</summary>
    string Name { get; }

    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
