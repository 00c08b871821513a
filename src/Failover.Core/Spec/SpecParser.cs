using Failover.Core.Diagnostics;

namespace Failover.Core.Spec;

/// <summary>The outcome of reading a spec: the tree if it could be read at all, and every problem found.</summary>
public sealed record ParseResult(TreeSpec? Spec, IReadOnlyList<SpecDiagnostic> Diagnostics)
{
    public bool HasErrors => Spec is null || Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>Reads a tree spec from JSON or YAML text. Never throws on bad input: problems come back as diagnostics.</summary>
public static class SpecParser
{
    public static ParseResult Parse(string text) => throw new NotImplementedException();
}
