using Failover.Service.Workflow;
using Failover.Service.Workflow.Steps;
using Failover.Functions.Hosting;

namespace Failover.Functions.Handlers;

/// <summary>
/// The provisioning workflow's functions, one per Task state of src/StateMachine/Provisioning.asl.json (whose
/// <c>${&lt;Name&gt;FunctionArn}</c> substitutions name them). Each parses its request, calls one step, shapes the answer.
/// </summary>
public static class WorkflowHandlers
{
    public const string PlanTree = nameof(PlanTree);
    public const string ApplyHealthChecks = nameof(ApplyHealthChecks);
    public const string ApplyRecordLayer = nameof(ApplyRecordLayer);
    public const string CheckChange = nameof(CheckChange);
    public const string Finalize = nameof(Finalize);
    public const string Rollback = nameof(Rollback);

    public static IReadOnlyList<string> Names { get; } = [PlanTree, ApplyHealthChecks, ApplyRecordLayer, CheckChange, Finalize, Rollback];

    public static HandlerTableBuilder AddWorkflow(this HandlerTableBuilder builder, Func<WorkflowServices> services)
    {
        var cursor = WorkflowJsonContext.Default.WorkflowCursor;
        var outcome = WorkflowJsonContext.Default.RunOutcome;
        return builder
            .Add(PlanTree, StepHandler.For(services, cursor, (s, r, t) => new PlanTreeStep(s).RunAsync(r.RunId, r.Force, t)))
            .Add(ApplyHealthChecks,
                StepHandler.For(services, cursor,
                (s, r, t) => new ApplyHealthChecksStep(s).RunAsync(r.RunId, StepHandler.Cursor(r).Layer, t)))
            .Add(ApplyRecordLayer,
                StepHandler.For(services, cursor,
                (s, r, t) => new ApplyRecordLayerStep(s).RunAsync(r.RunId, StepHandler.Cursor(r).Layer, t)))
            .Add(CheckChange,
                StepHandler.For(services, cursor, (s, r, t) => new CheckChangeStep(s).RunAsync(r.RunId, StepHandler.Cursor(r), t)))
            .Add(Finalize, StepHandler.For(services, outcome, (s, r, t) => new FinalizeStep(s).RunAsync(r.RunId, t, r.CorrelationId)))
            .Add(Rollback, StepHandler.For(services, outcome, (s, r, t) => r.Abandon == true
                ? new RollbackStep(s).AbandonAsync(r.RunId, r.Error, r.RollbackError, t, r.CorrelationId)
                : new RollbackStep(s).RunAsync(r.RunId, r.Error, t, r.CorrelationId)));
    }
}
