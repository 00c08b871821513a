using Failover.Api.Http;
using Failover.Core.Contracts;

namespace Failover.Api.Problems;

/// <summary>
/// An RFC 9457 problem document (<c>application/problem+json</c>): type, title, status, detail and instance, with
/// the request's correlation id and, for a request that is wrong in several places, every error with its path.
/// It never carries an exception's stack trace: that goes to the log, under the same correlation id.
/// </summary>
public sealed record Problem(ProblemType Type, string Detail)
{
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>Warnings that came with the errors (a spec can have both); never a reason to refuse.</summary>
    public IReadOnlyList<FieldError> Warnings { get; init; } = [];

    /// <summary>Extra headers the answer needs (Allow for 405, Retry-After for 503).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public int Status => Type.Status;

    public ApiResponse ToResponse(string instance, string correlationId)
    {
        var response = new ApiResponse(Status, MediaTypes.ProblemJson, Write(instance, correlationId));
        foreach (var (name, value) in Headers) response.WithHeader(name, value);
        return response;
    }

    public byte[] Write(string instance, string correlationId) =>
        WireJson.WriteBytes(new ProblemDocument(Type.Uri, Type.Title, Status, Detail, instance, correlationId,
            FieldError.Documents(Errors), FieldError.Documents(Warnings)));
}

/// <summary>Thrown inside an endpoint to answer with a problem; the service turns it into the response.</summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;

    public ProblemException(ProblemType type, string detail) : this(new Problem(type, detail))
    {
    }
}
