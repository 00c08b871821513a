using Failover.Core.Diagnostics;
using Failover.Core.Validation;

namespace Failover.Core.Spec;

/// <summary>
/// Reads and validates a spec in one step, so a user sees every mistake at once: type and field problems from
/// parsing together with Route 53 rule violations in the rest of the tree.
/// </summary>
public static class SpecLoader
{
    /// <summary>
    /// The spec and every diagnostic (errors then warnings, in document order). <see cref="ParseResult.Spec"/> is set
    /// only when there are no errors; warnings alone leave it set.
    /// </summary>
    public static ParseResult Load(string text, ValidationLimits? limits = null)
    {
        limits ??= ValidationLimits.Default;
        var (partial, parseDiagnostics) = SpecParser.ReadPartial(text, limits);
        if (partial is null) return new ParseResult(null, parseDiagnostics);

        // A field the parser could not read is absent from the partial tree; the validator would then report the
        // same place again ("weight is required" after "weight must be an integer"), so it stays quiet there.
        var reported = parseDiagnostics.Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var aroundReported = reported.SelectMany(PathAndAncestors).ToHashSet(StringComparer.Ordinal);
        var validation = TreeValidator.Validate(partial, limits)
            .Where(v => !aroundReported.Contains(v.Path) && !PathAndAncestors(v.Path).Any(reported.Contains));
        var all = DiagnosticOrder.Sort(parseDiagnostics.Concat(validation), partial);
        return new ParseResult(all.Any(d => d.Severity == Severity.Error) ? null : partial, all);
    }

    /// <summary>
    /// A version the service stored, read back: Route 53's rules are checked again (they may have grown stricter since),
    /// the door's size limits are not (<see cref="ValidationLimits.StoredVersion"/>).
    /// </summary>
    public static ParseResult LoadStored(string text) => Load(text, ValidationLimits.StoredVersion);

    /// <summary>"$.root.children[0].weight", "$.root.children[0]", "$.root.children", "$.root", "$".</summary>
    private static IEnumerable<string> PathAndAncestors(string path)
    {
        yield return path;
        for (var cut = path.LastIndexOfAny(['.', '[']); cut > 0; cut = path.LastIndexOfAny(['.', '['], cut - 1))
            yield return path[..cut];
    }
}
