using System.Text;

namespace Failover.Core.Import;

/// <summary>
/// Gives each imported node an id that is a DNS label (it becomes part of helper record names) and unique in the tree:
/// a rule or endpoint referenced twice becomes two nodes, <c>x</c> and <c>x-2</c>.
/// </summary>
internal sealed class NodeIds
{
    private const int MaxLabel = 63;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    // Where to resume numbering per label, so a leaf referenced thousands of times stays linear.
    private readonly Dictionary<string, int> _nextSuffix = new(StringComparer.Ordinal);

    public string Allocate(string policyId)
    {
        var label = Label(policyId);
        if (_used.Add(label)) return label;
        for (var n = _nextSuffix.GetValueOrDefault(label, 2); ; n++)
        {
            _nextSuffix[label] = n + 1;
            var suffix = $"-{n}";
            var candidate = label[..Math.Min(label.Length, MaxLabel - suffix.Length)].TrimEnd('-') + suffix;
            if (_used.Add(candidate)) return candidate;
        }
    }

    /// <summary>Lower case letters, digits and single hyphens, no hyphen at either end, at most 63 characters.</summary>
    public static string Label(string policyId)
    {
        var builder = new StringBuilder(policyId.Length);
        foreach (var c in policyId.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var label = builder.ToString().Trim('-');
        if (label.Length > MaxLabel) label = label[..MaxLabel].TrimEnd('-');
        return label.Length == 0 ? "node" : label;
    }
}
