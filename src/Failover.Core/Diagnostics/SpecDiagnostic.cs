namespace Failover.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>One problem with a spec: where it is (a JSON path such as <c>$.root.children[1].weight</c>) and what is wrong.</summary>
public sealed record SpecDiagnostic(string Path, string Message, Severity Severity = Severity.Error)
{
    /// <summary>1-based line in the spec text, when the problem was found while reading it.</summary>
    public int? Line { get; init; }
    /// <summary>1-based column (in characters) in the spec text, when known.</summary>
    public int? Column { get; init; }

    /// <summary>Rendered one per line on stderr by the CLI: path first.</summary>
    public override string ToString() => Severity == Severity.Error ? $"{Path}: {Message}" : $"{Path}: warning: {Message}";
}
