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
public sealed record ChangeBatch(IReadOnlyList<RecordChange> Changes, string? Comment = null)
{
    /// <summary>
    /// The hosted zone the batch goes to when it is not the plan's own (an attachment in another zone); null: the plan's.
    /// A ChangeResourceRecordSets request names one zone (API reference, ChangeResourceRecordSets: Id), so a batch never
    /// mixes zones.
    /// </summary>
    public string? HostedZoneId { get; init; }

    /// <summary>The zone this batch is submitted to, given the plan's zone.</summary>
    public string ZoneOr(string planZone) => HostedZoneId ?? planZone;
}
