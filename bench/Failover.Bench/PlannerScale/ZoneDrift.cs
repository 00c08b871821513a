using Failover.Core.Planning;

namespace Failover.Bench.PlannerScale;

/// <summary>Drift made on purpose, the same way in every benchmark that needs a zone that differs a little.</summary>
internal static class ZoneDrift
{
    /// <summary>Every hundredth record changed: a weight where it has one, its values otherwise.</summary>
    public static ActualState EveryHundredth(ActualState state) => state with
    {
        Records = state.Records.Select((record, i) => i % 100 != 0 ? record
            : record.Weight is { } weight ? record with { Weight = (weight + 1) % 256 }
            : record.AliasTarget is null ? record with { ResourceRecords = ["203.0.113.250"] }
            : record with { AliasTarget =
                record.AliasTarget with { EvaluateTargetHealth = !record.AliasTarget.EvaluateTargetHealth } }).ToList(),
    };
}
