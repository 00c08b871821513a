using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Service.Progress;

namespace Failover.Service.Workflow;

/// <summary>
/// The record name claims a stored version holds: its first attachment's (the descriptor's), then its others', each in
/// every record type the tree answers for (a dual-stack tree claims A and AAAA at each name: <see cref="TreeSpec.RecordTypes"/>).
/// </summary>
public static class VersionNames
{
    /// <summary>
    /// One descriptor per claim, its type spelled out, so that two versions' claims compare type by type: a tree that
    /// stops answering for AAAA gives that claim back and keeps its A one. A version whose spec cannot be read (or none)
    /// stands for the descriptor's name and, when its text still parses, its other attachments', in each type it may have
    /// claimed there: the descriptor names the first type only, and an A or AAAA tree may have been dual-stack
    /// (<see cref="Apply.AttachmentNameClaims.TypesToRelease"/>). Listed as the earlier version, the twin type is given back
    /// unless the later one holds it (a release is conditional on the owner); listed as the later version, it is kept.
    /// </summary>
    public static List<TreeDescriptor> Of(TreeDescriptor first, StoredVersion? version)
    {
        var spec = version is null ? null : SpecLoader.LoadStored(version.SpecJson).Spec;
        IEnumerable<string> types = spec is null
            ? Apply.AttachmentNameClaims.TypesToRelease(first.RecordType)
            : spec.RecordTypes.Append(first.RecordType).Distinct(StringComparer.OrdinalIgnoreCase);
        // A version that no longer validates (the rules grew stricter since it was stored) still parses: where it is attached
        // is read from its text as it stands, so the claims of its attachments in other zones are not forgotten.
        var attached = spec ?? (version is null ? null : SpecParser.Parse(version.SpecJson, ValidationLimits.StoredVersion).Spec);
        var places = new List<(string Zone, string Name)> { (first.HostedZoneId, first.RecordName) };
        places.AddRange((attached?.Attachments ?? []).Where(a => a.HostedZoneId is { Length: > 0 } && a.RecordName is { Length: > 0 })
            .Select(a => (a.HostedZoneId, a.RecordName)));
        return [.. places.SelectMany(place => types.Select(type =>
            first with { HostedZoneId = place.Zone, RecordName = place.Name, RecordType = type }))];
    }

    /// <summary>The claims of <paramref name="before"/> that <paramref name="after"/> does not hold, type by type.</summary>
    public static List<TreeDescriptor> Dropped(IReadOnlyList<TreeDescriptor> before, IReadOnlyList<TreeDescriptor> after) =>
        [.. before.Where(n => !after.Any(a => Same(a, n)))];

    /// <summary>One claim: the same zone, name (as Route 53 compares names) and type.</summary>
    public static bool Same(TreeDescriptor a, TreeDescriptor b) =>
        a.HostedZoneId == b.HostedZoneId
            && string.Equals(a.RecordName.TrimEnd('.'), b.RecordName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.RecordType, b.RecordType, StringComparison.OrdinalIgnoreCase);
}
