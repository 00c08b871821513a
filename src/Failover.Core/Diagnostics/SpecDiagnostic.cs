namespace Failover.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>One problem with a spec: where it is (a JSON path such as <c>$.root.children[1].weight</c>) and what is wrong.</summary>
public sealed record SpecDiagnostic(string Path, string Message, Severity Severity = Severity.Error)
{
    /// <summary>Rendered one per line on stderr by the CLI: path first.</summary>
    public override string ToString() => Severity == Severity.Error ? $"{Path}: {Message}" : $"{Path}: warning: {Message}";
}
