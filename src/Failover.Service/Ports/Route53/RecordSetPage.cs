using Failover.Core.Route53;

namespace Failover.Service.Ports.Route53;

/// <summary>
/// A place in ListResourceRecordSets order (StartRecordName/Type/Identifier). <see cref="Identifier"/> is set when
/// Route 53 cut a page between records of the same name and type.
/// </summary>
public sealed record RecordSetPosition(string Name, string? Type = null, string? Identifier = null);

/// <summary>One page of ListResourceRecordSets; <see cref="Next"/> is null on the last page.</summary>
public sealed record RecordSetPage(IReadOnlyList<ResourceRecordSet> RecordSets, RecordSetPosition? Next)
{
    public bool IsTruncated => Next is not null;
}
