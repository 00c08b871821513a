using Failover.Core.Spec;

namespace Failover.Core.Compilation;

/// <summary>
/// Where nested rules live. A nested rule <c>X</c> answers at <c>_X.&lt;recordName&gt;</c>: the reserved underscore prefix
/// makes helper records recognisable in the zone (and never a valid hostname someone else would use).
/// </summary>
public static class HelperNames
{
    public const string Prefix = "_";

    public static string For(string nodeId, string recordName) => $"{Prefix}{nodeId.ToLowerInvariant()}.{recordName}";

    /// <summary>Where the nested rule <paramref name="node"/> lives: its explicit <c>helperName</c>, else the default.</summary>
    public static string Of(TreeNode node, string recordName) =>
        node.HelperName is { Length: > 0 } explicitName ? explicitName.TrimEnd('.').ToLowerInvariant() : For(node.Id, recordName);
}
