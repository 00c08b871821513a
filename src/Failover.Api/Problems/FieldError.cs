using Failover.Core.Contracts;
using Failover.Core.Diagnostics;

namespace Failover.Api.Problems;

/// <summary>
/// One thing wrong with a request, and where: <see cref="Path"/> is a JSON path into the body (<c>$.root.weight</c>)
/// or, for a query or path parameter, <see cref="Parameter"/> names it. Line and column are set when the problem was
/// found while reading the text.
/// </summary>
public sealed record FieldError(string Message)
{
    public string? Path { get; init; }
    public string? Parameter { get; init; }
    public int? Line { get; init; }
    public int? Column { get; init; }

    public static FieldError AtPath(string path, string message) => new(message) { Path = path };

    public static FieldError AtParameter(string parameter, string message) => new(message) { Parameter = parameter };

    public static FieldError From(SpecDiagnostic diagnostic) =>
        new(diagnostic.Message) { Path = diagnostic.Path, Line = diagnostic.Line, Column = diagnostic.Column };

    public FieldErrorDocument ToDocument() => new(Path, Parameter, Message, Line, Column);

    /// <summary>The list as documents; null when empty, so the member is left out.</summary>
    public static IReadOnlyList<FieldErrorDocument>? Documents(IReadOnlyList<FieldError>? errors) =>
        errors is { Count: > 0 } ? errors.Select(e => e.ToDocument()).ToList() : null;
}
