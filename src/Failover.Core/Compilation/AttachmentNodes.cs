using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>
/// Progress keys of the records of a tree's attachments: the first attachment's records keep their node's id (so a tree of
/// one name tracks what it always did); another attachment's are <c>&lt;node&gt;@&lt;recordName&gt;</c>, since one node has a
/// record per attachment. Health checks are the tree's, shared, and keep the node's id.
/// </summary>
public static class AttachmentNodes
{
    public const char Separator = '@';

    public static string IdOf(string nodeId, TreeAttachment attachment) => $"{nodeId}{Separator}{attachment.RecordName}";

    /// <summary>The node and the attachment's record name of a progress key (null: the first attachment's).</summary>
    public static (string NodeId, string? RecordName) Parse(string key) =>
        key.IndexOf(Separator, StringComparison.Ordinal) is var at and > 0 ? (key[..at], key[(at + 1)..]) : (key, null);
}
