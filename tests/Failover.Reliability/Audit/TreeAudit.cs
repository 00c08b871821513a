using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.Reliability.Stack;

namespace Failover.Reliability.Audit;

/// <summary>What the zone and the account hold for one tree, against what the tree wants.</summary>
/// <param name="Differences">Every record that is missing, different or extra (empty: the zone holds exactly the tree).</param>
/// <param name="OrphanRecords">Records at the tree's names that the tree does not want (or any, once it is torn down).</param>
/// <param name="DuplicateHealthChecks">Health checks beyond the first for one node of the tree.</param>
/// <param name="OrphanHealthChecks">The tree's health checks no record of the tree uses (or any, once it is torn down).</param>
public sealed record TreeAuditResult(
    IReadOnlyList<string> Differences, IReadOnlyList<string> OrphanRecords, IReadOnlyList<string> DuplicateHealthChecks,
        IReadOnlyList<string> OrphanHealthChecks)
{
    public bool Converged => Differences.Count == 0;
}

/// <summary>
/// Audits one tree from an independent reading of Route 53 (<see cref="MotoReader"/>): the records at its names (its
/// record name and the reserved <c>_node.</c> helper names under it, of its type) and the health checks that are its by
/// tag or by the CallerReference prefix only its runs use.
/// </summary>
public static class TreeAudit
{
    /// <param name="desired">The spec that should be in Route 53; null when the tree should be gone.</param>
    /// <param name="ignore">Keys of records someone else put at the tree's names on purpose (not the tree's to answer for).</param>
    /// <param name="ignoreChecks">Ids of health checks someone else made, whatever their references look like.</param>
    public static TreeAuditResult Check(
        string tree, string recordName, string recordType, TreeSpec? desired, IReadOnlyList<ListedRecordSet> zone,
            IReadOnlyList<ListedHealthCheck> checks,
        IReadOnlySet<string>? ignore = null, IReadOnlySet<string>? ignoreChecks = null)
    {
        var mine = zone.Where(r => r.Type == recordType && IsTreeName(r.Name, recordName) && ignore?.Contains(r.Key) != true).ToList();
        var prefix = CallerReferences.PrefixFor(tree);
        var treeChecks = checks.Where(c => ignoreChecks?.Contains(c.Id) != true
            && (c.Tree == tree || (c.Tree is null && c.CallerReference.StartsWith(prefix, StringComparison.Ordinal)))).ToList();
        var nodeOfCheck = treeChecks.Where(c => c.Tree == tree && c.Node is not null)
            .ToDictionary(c => c.Id, c => c.Node!, StringComparer.Ordinal);

        var wanted = desired is null ? [] : TreeCompiler.Compile(desired).Records.Select(r => RecordText.OfDesired(r.RecordSet)).ToList();
        var listed = mine.Select(r => RecordText.OfListed(r, id => nodeOfCheck.GetValueOrDefault(id))).ToList();
        var differences = wanted.Except(listed).Select(w => "missing or different: " + w)
            .Concat(listed.Except(wanted).Select(l => "unwanted or different: " + l)).ToList();
        var wantedKeys = desired is null ? [] : TreeCompiler.Compile(desired).Records
            .Select(r => $"{r.RecordSet.Name} {r.RecordSet.Type} {r.RecordSet.SetIdentifier}").ToHashSet(StringComparer.Ordinal);
        var orphanRecords = mine.Where(r => !wantedKeys.Contains(r.Key)).Select(r => r.Key).ToList();

        var duplicates = treeChecks.Where(c => c.Node is not null).GroupBy(c => c.Node!).Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(c => $"{tree}/{g.Key}: {c.Id} besides {g.First().Id}")).ToList();
        var used = mine.Select(r => r.HealthCheckId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var orphanChecks = treeChecks.Where(c => !used.Contains(c.Id))
            .Select(
                c => $"{c.Id} ({(c.Tree is null ? "untagged, reference " + c.CallerReference : $"tagged {c.Tree}/{c.Node}")})").ToList();
        return new TreeAuditResult(differences, orphanRecords, duplicates, orphanChecks);
    }

    /// <summary>The tree's record name, or a reserved helper name under it (<c>_node.recordName</c>).</summary>
    public static bool IsTreeName(string name, string recordName) =>
        name == recordName || (name.StartsWith('_') && name.EndsWith("." + recordName, StringComparison.Ordinal));
}
