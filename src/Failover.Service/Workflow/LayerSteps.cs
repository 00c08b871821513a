using Failover.Core.Planning;

namespace Failover.Service.Workflow;

/// <summary>
/// The state names of the definition (src/StateMachine/Provisioning.asl.json) and which one runs each layer of a plan.
/// </summary>
public static class LayerSteps
{
    public const string HealthChecks = "HealthChecks";
    public const string LeafRecords = "LeafRecords";
    public const string AliasLevel = "AliasLevel";
    public const string DeleteRecords = "DeleteRecords";
    public const string HealthCheckCleanup = "HealthCheckCleanup";
    public const string HealthCheckAlarms = "HealthCheckAlarms";
    public const string CidrCollections = "CidrCollections";
    public const string CidrCollectionCleanup = "CidrCollectionCleanup";
    public const string CheckChange = "CheckChange";
    public const string WaitForSync = "WaitForSync";
    public const string Finalize = "Finalize";

    /// <summary>The state that runs a layer: one state per kind of layer, entered once per layer.</summary>
    public static string StepFor(PlanLayer layer) => layer.Kind switch
    {
        PlanLayerKind.HealthChecks => HealthChecks,
        PlanLayerKind.HealthCheckCleanup => HealthCheckCleanup,
        PlanLayerKind.HealthCheckAlarms => HealthCheckAlarms,
        PlanLayerKind.CidrCollections => CidrCollections,
        PlanLayerKind.CidrCollectionCleanup => CidrCollectionCleanup,
        _ when layer.Name == LayerNames.LeafRecords => LeafRecords,
        _ when layer.Name.StartsWith("delete-", StringComparison.Ordinal) => DeleteRecords,
        _ => AliasLevel,
    };

    /// <summary>Where a run goes once its plan is stored: the first layer, or Finalize when Route 53 already matches.</summary>
    public static WorkflowCursor Start(Plan plan) => At(plan, 0);

    /// <summary>Where a run goes after layer <paramref name="layer"/>: the next layer, or the wait for INSYNC after the last.</summary>
    public static WorkflowCursor After(Plan plan, int layer) => At(plan, layer + 1);

    /// <summary>
    /// Where a run goes when a step ran out of its budget (<see cref="StepBudget"/>) with <paramref name="remaining"/>
    /// units of layer <paramref name="layer"/> left: the same layer again, which picks up from the progress table.
    /// </summary>
    public static WorkflowCursor Again(Plan plan, int layer, int remaining) => At(plan, layer) with { Remaining = remaining };

    private static WorkflowCursor At(Plan plan, int index)
    {
        var count = plan.Layers.Count;
        if (index < count)
            return new WorkflowCursor { Step = StepFor(plan.Layers[index]), Layer = index, Layers = count,
                LayerName = plan.Layers[index].Name };
        // Only record layers make changes that propagate; a plan of health checks alone has nothing to wait for.
        var step = plan.Layers.Any(l => l.Kind == PlanLayerKind.Records) ? CheckChange : Finalize;
        return new WorkflowCursor { Step = step, Layer = count, Layers = count };
    }
}
