using Failover.Core.Compilation;

namespace Failover.Core.Drift;

/// <summary>
/// The names a tree reserves for its nested rules: <c>_&lt;node&gt;.&lt;recordName&gt;</c> (see <see cref="HelperNames"/>),
/// whether or not the current version uses them.
/// </summary>
public static class ReservedNames
{
    public static bool IsHelperNameOf(string name, string recordName)
    {
        var suffix = "." + recordName.TrimEnd('.');
        var trimmed = name.TrimEnd('.');
        if (!trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return false;
        var label = trimmed[..^suffix.Length];
        return label.Length > HelperNames.Prefix.Length && label.StartsWith(HelperNames.Prefix, StringComparison.Ordinal)
            && !label.Contains('.');
    }
}
