using Failover.Core.Planning;
using Failover.Core.Route53;

namespace Failover.Core.Tests.Planning;

/// <summary>Small readers over plans, so tests say what they check.</summary>
internal static class PlanReading
{
    public static IReadOnlyList<string> LayerNames(this Plan plan) => plan.Layers.Select(l => l.Name).ToList();

    public static PlanLayer Layer(this Plan plan, string name) => plan.Layers.Single(l => l.Name == name);

    public static IReadOnlyList<RecordChange> Changes(this PlanLayer layer) => layer.ChangeBatches.SelectMany(b => b.Changes).ToList();

    public static IReadOnlyList<RecordChange> AllChanges(this Plan plan) => plan.Layers.SelectMany(Changes).ToList();

    public static string Describe(this RecordChange change) =>
        $"{change.Action.ToString().ToUpperInvariant()} {change.RecordSet.Key}";
}
