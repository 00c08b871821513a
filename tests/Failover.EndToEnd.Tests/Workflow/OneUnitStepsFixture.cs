using Failover.Service.Workflow;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// The workflow stack with a step budget of nothing: every invocation of a layer step or of Rollback does one unit of
/// work (a health check, a change batch) and hands the rest to its next invocation, so a small tree exercises on the
/// real state machine the loops a tree of thousands of nodes takes with the deployed budget of 120 s.
/// </summary>
public sealed class OneUnitStepsFixture : WorkflowStackFixture
{
    protected override WorkflowOptions Options => base.Options with { StepBudget = TimeSpan.Zero };
}

[CollectionDefinition(Name)]
public sealed class OneUnitStepsCollection : ICollectionFixture<OneUnitStepsFixture>
{
    public const string Name = "workflow stack, one unit a step";
}
