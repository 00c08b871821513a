using Failover.Core.Spec;
using Failover.Service.Ports.Store;

namespace Failover.Service.Apply;

/// <summary>An attachment whose name and type another tree holds, and that tree (null if it let go meanwhile).</summary>
public sealed record RefusedNameClaim(TreeAttachment Attachment, string? Owner);

/// <summary>
/// The record name claims of a tree's attachments, taken by a workflow run and a direct apply alike: a name and type in a
/// zone answers for one tree, whichever attachment of it names them.
/// </summary>
public static class AttachmentNameClaims
{
    /// <summary>
    /// Claims each attachment's name for the tree (one it already holds stays as it is). At the first name another tree
    /// holds, gives back the names this call claimed and returns that one with its owner; null when every name is the tree's.
    /// </summary>
    public static async Task<RefusedNameClaim?> ClaimAsync(IRecordNameClaims store, string tree, string recordType,
        IEnumerable<TreeAttachment> attachments, CancellationToken cancellationToken)
    {
        var claimed = new List<TreeAttachment>();
        foreach (var attachment in attachments)
        {
            var owner = await store.GetRecordNameOwnerAsync(attachment.HostedZoneId, attachment.RecordName, recordType,
                cancellationToken).ConfigureAwait(false);
            if (owner == tree) continue;
            if (await store.ClaimRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, recordType, tree,
                    cancellationToken).ConfigureAwait(false))
            {
                claimed.Add(attachment);
                continue;
            }
            await ReleaseAsync(store, tree, recordType, claimed, CancellationToken.None).ConfigureAwait(false);
            return new RefusedNameClaim(attachment,
                await store.GetRecordNameOwnerAsync(attachment.HostedZoneId, attachment.RecordName, recordType, cancellationToken)
                    .ConfigureAwait(false));
        }
        return null;
    }

    /// <summary>Gives back the tree's claim on each attachment's name.</summary>
    public static async Task ReleaseAsync(IRecordNameClaims store, string tree, string recordType,
        IEnumerable<TreeAttachment> attachments, CancellationToken cancellationToken)
    {
        foreach (var attachment in attachments)
            await store.ReleaseRecordNameAsync(attachment.HostedZoneId, attachment.RecordName, recordType, tree, cancellationToken)
                .ConfigureAwait(false);
    }
}
