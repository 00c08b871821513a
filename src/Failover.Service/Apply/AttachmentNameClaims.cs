using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Service.Ports.Store;

namespace Failover.Service.Apply;

/// <summary>An attachment whose name and type another tree holds, that type, and that tree (null if it let go meanwhile).</summary>
public sealed record RefusedNameClaim(TreeAttachment Attachment, string RecordType, string? Owner);

/// <summary>
/// The record name claims of a tree's attachments, taken by a workflow run and a direct apply alike: a name and type in a
/// zone answers for one tree, whichever attachment of it names them. A dual-stack tree answers for two types at each
/// name (<see cref="TreeSpec.RecordTypes"/>), so it claims both: otherwise an AAAA tree could claim the name and add its
/// records to the dual-stack tree's AAAA record sets.
/// </summary>
public static class AttachmentNameClaims
{
    /// <summary>
    /// Claims each attachment's name for the tree, in each of its record types (one it already holds stays as it is). At
    /// the first name another tree holds, gives back the names this call claimed and returns that one with its owner; null
    /// when every name is the tree's.
    /// </summary>
    public static async Task<RefusedNameClaim?> ClaimAsync(IRecordNameClaims store, string tree, IReadOnlyList<string> recordTypes,
        IEnumerable<TreeAttachment> attachments, CancellationToken cancellationToken)
    {
        var claimed = new List<(TreeAttachment Attachment, string Type)>();
        foreach (var attachment in attachments)
        foreach (var recordType in recordTypes)
        {
            var owner = await store.GetRecordNameOwnerAsync(attachment.HostedZoneId, attachment.RecordName, recordType,
                cancellationToken).ConfigureAwait(false);
            if (owner == tree) continue;
            if (await store.ClaimRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, recordType, tree,
                    cancellationToken).ConfigureAwait(false))
            {
                claimed.Add((attachment, recordType));
                continue;
            }
            foreach (var (given, type) in claimed)
                await store.ReleaseRecordNameAsync(given.HostedZoneId, given.RecordName, type, tree, CancellationToken.None)
                    .ConfigureAwait(false);
            return new RefusedNameClaim(attachment, recordType,
                await store.GetRecordNameOwnerAsync(attachment.HostedZoneId, attachment.RecordName, recordType, cancellationToken)
                    .ConfigureAwait(false));
        }
        return null;
    }

    /// <summary>Gives back the tree's claim on each attachment's name, in each of the types it may hold there.</summary>
    public static async Task ReleaseAsync(IRecordNameClaims store, string tree, string recordType,
        IEnumerable<TreeAttachment> attachments, CancellationToken cancellationToken)
    {
        foreach (var attachment in attachments)
        foreach (var type in TypesToRelease(recordType))
            await store.ReleaseRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, type, tree, cancellationToken)
                .ConfigureAwait(false);
    }

    /// <summary>
    /// Gives back, once the apply has gone through, the tree's claims on the names and types it no longer answers for, each
    /// once: those <paramref name="plan"/> deleted every record of (<see cref="FreedNames"/>; the direct apply keeps no
    /// earlier version to tell which attachments or types went away; type by type: a tree made A only keeps its A claim and
    /// gives back its AAAA one), then those of <see cref="ReleaseUnansweredTypesAsync"/> the first did not give back already.
    /// </summary>
    public static async Task ReleaseDroppedAsync(IRecordNameClaims store, TreeSpec spec, Plan plan, CompiledTree desired,
        CancellationToken cancellationToken)
    {
        var released = new HashSet<(string Zone, string Name, string Type)>();
        foreach (var (zone, name, type) in FreedNames.Of(plan, desired))
        {
            await store.ReleaseRecordNameAsync(zone, name, type, spec.Name, cancellationToken).ConfigureAwait(false);
            released.Add(Place(zone, name, type));
        }
        await ReleaseUnansweredTypesAsync(store, spec, cancellationToken, released).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives back the tree's claims on the type it may have held at its attachments and no longer answers for (an A tree's
    /// AAAA, from when it was dual-stack), whatever the plan deleted: the direct apply keeps no earlier version, and a plan
    /// that deleted nothing there (an earlier apply deleted the records and stopped before its releases, or never wrote
    /// them) frees the claim too. Read first, so a no-op apply of a tree that never held the type writes nothing; the
    /// release is still conditional on the owner, so a claim another tree took meanwhile stays as it is.
    /// </summary>
    /// <param name="released">Places given back already (<see cref="ReleaseDroppedAsync"/>): not read again.</param>
    public static async Task ReleaseUnansweredTypesAsync(IRecordNameClaims store, TreeSpec spec, CancellationToken cancellationToken,
        IReadOnlySet<(string Zone, string Name, string Type)>? released = null)
    {
        var unanswered = TypesToRelease(spec.RecordType).Except(spec.RecordTypes, StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var attachment in spec.AllAttachments)
        foreach (var type in unanswered)
        {
            if (released?.Contains(Place(attachment.HostedZoneId, attachment.RecordName, type)) == true) continue;
            var owner = await store.GetRecordNameOwnerAsync(attachment.HostedZoneId, attachment.RecordName, type, cancellationToken)
                .ConfigureAwait(false);
            if (owner == spec.Name)
                await store.ReleaseRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, type, spec.Name, cancellationToken)
                    .ConfigureAwait(false);
        }
    }

    /// <summary>A claim's place as Route 53 compares names (no trailing dot, any case) and types.</summary>
    private static (string Zone, string Name, string Type) Place(string zone, string name, string type) =>
        (zone, DnsNames.Normalize(name), type.ToUpperInvariant());

    /// <summary>
    /// The types a tree described by its first type may have claimed: an A or AAAA tree may be dual-stack (the stored
    /// descriptor names only the first type). A release is conditional on the owner, so the twin type a single-stack
    /// tree never claimed stays as it is, whoever holds it.
    /// </summary>
    public static IReadOnlyList<string> TypesToRelease(string recordType) => recordType switch
    {
        "A" => ["A", "AAAA"],
        "AAAA" => ["AAAA", "A"],
        _ => [recordType],
    };
}
