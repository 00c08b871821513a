using Failover.Core.Spec;

namespace Failover.Core.Diagnostics;

/// <summary>Orders diagnostics as a reader meets them: errors before warnings, each in document order.</summary>
public static class DiagnosticOrder
{
    public static IReadOnlyList<SpecDiagnostic> Sort(IEnumerable<SpecDiagnostic> diagnostics, TreeSpec? spec)
    {
        var list = diagnostics.ToList();
        if (list.Count == 0) return list;
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        if (spec is not null)
        {
            var i = 0;
            foreach (var node in spec.Root.DescendantsAndSelf()) ordinals.TryAdd(node.Path, i++);
        }
        var byPath = ordinals.GetAlternateLookup<ReadOnlySpan<char>>();
        // OrderBy is stable: diagnostics of one node keep the order they were found in.
        return list
            .OrderBy(d => d.Severity == Severity.Error ? 0 : 1)
            .ThenBy(d => NodeOrdinal(d.Path, byPath))
            .ToList();
    }

    /// <summary>
    /// The position of the innermost node the path lies in; fields of the tree itself come first. The path's prefixes are
    /// looked up as characters of the path: a large tree's warnings cut no strings here.
    /// </summary>
    private static int NodeOrdinal(string fullPath, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ordinals)
    {
        var path = fullPath.AsSpan();
        while (path.Length > 1)
        {
            if (ordinals.TryGetValue(path, out var ordinal)) return ordinal;
            var cut = path.LastIndexOfAny('.', '[');
            if (cut <= 0) break;
            path = path[..cut];
        }
        return -1;
    }
}
