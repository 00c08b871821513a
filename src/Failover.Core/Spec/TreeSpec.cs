namespace Failover.Core.Spec;

/// <summary>
/// A failover tree as the user wrote it (JSON or YAML). Parsing fills what it can and reports the rest;
/// <see cref="Validation.TreeValidator"/> enforces Route 53's rules over it.
/// </summary>
public sealed record TreeSpec
{
    public required string Name { get; init; }
    public required string HostedZoneId { get; init; }
    /// <summary>The zone apex, without a trailing dot (normalised by the parser).</summary>
    public required string ZoneName { get; init; }
    /// <summary>The name the tree answers for, without a trailing dot (normalised by the parser).</summary>
    public required string RecordName { get; init; }
    /// <summary>A, AAAA, CNAME, TXT, MX, … — every record of the tree has this type (A, the first, for a dual-stack tree).</summary>
    public required string RecordType { get; init; }
    /// <summary>
    /// A dual-stack tree (spec <c>"recordTypes": ["A", "AAAA"]</c>): every record set twice, A with the endpoints' IPv4 values and
    /// AAAA with their IPv6 ones, at the same names; one health check per node serves both.
    /// </summary>
    public bool DualStack { get; init; }
    /// <summary>The record types the tree writes: A and AAAA for a dual-stack tree, else <see cref="RecordType"/>.</summary>
    public IReadOnlyList<string> RecordTypes => DualStack ? DualStackTypes : [RecordType];

    public static readonly IReadOnlyList<string> DualStackTypes = ["A", "AAAA"];
    /// <summary>Default TTL of non-alias records; endpoint leaves may override it.</summary>
    public long Ttl { get; init; } = 60;
    public HealthCheckSettings? HealthCheckDefaults { get; init; }
    /// <summary>
    /// What drift detection does when the zone no longer matches the tree; null when the spec does not say, so the
    /// deployment's default (the template's <c>DefaultDriftPolicy</c>) decides.
    /// </summary>
    public DriftPolicy? DriftPolicy { get; init; }
    public required TreeNode Root { get; init; }
    /// <summary>
    /// Set on a spec <c>failover adopt</c> reconstructed from the zone: its first apply claims the records and health checks
    /// that already match it instead of refusing them as someone else's.
    /// </summary>
    public AdoptSpec? Adopt { get; init; }

    /// <summary>
    /// The places the tree answers for besides its first (the top-level <see cref="HostedZoneId"/>,
    /// <see cref="ZoneName"/> and <see cref="RecordName"/>); empty for a tree of one name.
    /// </summary>
    public IReadOnlyList<TreeAttachment> Attachments { get; init; } = [];

    /// <summary>Every place the tree answers for, the first (the top-level fields) first.</summary>
    public IReadOnlyList<TreeAttachment> AllAttachments =>
        Attachments.Count == 0 ? [First] : [First, .. Attachments];

    /// <summary>The first attachment: the top-level fields.</summary>
    public TreeAttachment First => new(HostedZoneId, ZoneName, RecordName);

    public bool HasAttachments => Attachments.Count > 0;

    /// <summary>
    /// The tree as it stands at one attachment: the same design with that attachment's zone and name at the top and no
    /// others. Compiling, planning and checking one attachment is compiling, planning and checking this tree.
    /// </summary>
    public TreeSpec At(TreeAttachment attachment) => Attachments.Count == 0 && attachment == First ? this : this with
    {
        HostedZoneId = attachment.HostedZoneId,
        ZoneName = attachment.ZoneName,
        RecordName = attachment.RecordName,
        Attachments = [],
    };
}

/// <summary>What an adopted tree takes over: existing health checks, by the node they belong to.</summary>
public sealed record AdoptSpec
{
    /// <summary>Node id → id of the existing check the node's <c>healthCheck</c> settings describe.</summary>
    public IReadOnlyDictionary<string, string> HealthChecks { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

public enum DriftPolicy
{
    Report,
    Repair,
}
