namespace Failover.Core.Route53;

public enum ChangeAction
{
    Create,
    Upsert,
    Delete,
}

/// <summary>One change of a ChangeResourceRecordSets request, with the tree node that owns the record.</summary>
public sealed record RecordChange(ChangeAction Action, ResourceRecordSet RecordSet, string? NodeId = null);

/// <summary>One ChangeResourceRecordSets request: atomic in Route 53, packed within its limits.</summary>
public sealed record ChangeBatch(IReadOnlyList<RecordChange> Changes, string? Comment = null);
