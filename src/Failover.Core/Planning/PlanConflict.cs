using Failover.Core.Route53;

namespace Failover.Core.Planning;

/// <summary>A record the tree wants where the zone holds records the tree does not own: never touched, always reported.</summary>
public sealed record PlanConflict(RecordKey Key, string Reason)
{
    public override string ToString() => $"{Key}: {Reason}";
}
