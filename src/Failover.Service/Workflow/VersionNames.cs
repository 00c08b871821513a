using Failover.Service.Progress;

namespace Failover.Service.Workflow;

/// <summary>The record names a stored version claims: its first attachment's (the descriptor's), then its others'.</summary>
public static class VersionNames
{
    public static List<TreeDescriptor> Of(TreeDescriptor first, StoredVersion version) =>
        [first, .. (Failover.Core.Spec.SpecLoader.LoadStored(version.SpecJson).Spec?.Attachments ?? [])
            .Select(a => first with { HostedZoneId = a.HostedZoneId, RecordName = a.RecordName })];

    /// <summary>One claim: the same zone, name (as Route 53 compares names) and type.</summary>
    public static bool Same(TreeDescriptor a, TreeDescriptor b) =>
        a.HostedZoneId == b.HostedZoneId
            && string.Equals(a.RecordName.TrimEnd('.'), b.RecordName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.RecordType, b.RecordType, StringComparison.OrdinalIgnoreCase);
}
