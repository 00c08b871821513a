namespace Failover.Core.Spec;

/// <summary>
/// One place a tree answers for: a record name in a hosted zone. The tree's top-level <c>hostedZoneId</c>, <c>zoneName</c>
/// and <c>recordName</c> are its first attachment (so a spec of one name reads as it always did); <c>attachments</c> lists
/// the others. Each attachment gets the tree's records at its own names; the health checks are the tree's, shared by all.
/// </summary>
/// <param name="ZoneName">The zone's apex, lower case without a trailing dot (empty when the spec did not say and no
/// other attachment in the same zone does).</param>
public sealed record TreeAttachment(string HostedZoneId, string ZoneName, string RecordName)
{
    /// <summary>The JSON path of the object it was read from: <c>$</c> for the first attachment (its fields are the
    /// tree's own), <c>$.attachments[i]</c> for the others.</summary>
    public string Path { get; init; } = "$";

    public bool IsFirst => Path == "$";

    /// <summary>The JSON path of one of its fields.</summary>
    public string PathOf(string field) => $"{Path}.{field}";

    /// <summary>Zone and name: what tells two attachments apart (names are kept in lower case).</summary>
    public string Key => $"{HostedZoneId}/{RecordName}";

    public override string ToString() => $"{RecordName} in {HostedZoneId}";

    public bool Equals(TreeAttachment? other) =>
        other is not null && HostedZoneId == other.HostedZoneId && ZoneName == other.ZoneName && RecordName == other.RecordName;

    public override int GetHashCode() => HashCode.Combine(HostedZoneId, ZoneName, RecordName);
}
