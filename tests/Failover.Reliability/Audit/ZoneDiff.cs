using Failover.Reliability.Stack;

namespace Failover.Reliability.Audit;

/// <summary>Two full listings of a zone compared record set by record set, as Route 53 wrote each one out.</summary>
public static class ZoneDiff
{
    /// <summary>One line per record set that is gone, new, or listed differently (empty: byte-for-byte the same zone).</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<ListedRecordSet> before, IReadOnlyList<ListedRecordSet> after,
        IReadOnlySet<string>? ignoreKeys = null)
    {
        var old = before.Where(r => ignoreKeys?.Contains(r.Key) != true).ToDictionary(r => r.Key, r => r.Xml, StringComparer.Ordinal);
        var now = after.Where(r => ignoreKeys?.Contains(r.Key) != true).ToDictionary(r => r.Key, r => r.Xml, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var (key, xml) in old)
            if (!now.TryGetValue(key, out var current)) lines.Add($"gone: {key}");
            else if (current != xml) lines.Add($"changed: {key}: {xml} → {current}");
        foreach (var key in now.Keys.Where(k => !old.ContainsKey(k))) lines.Add($"new: {key}");
        return lines;
    }
}
