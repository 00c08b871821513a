using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Failover.Api.Http;

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

    public byte[] Write(string instance, string correlationId)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json =
            new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", Type.Uri);
            json.WriteString("title", Type.Title);
            json.WriteNumber("status", Status);
            json.WriteString("detail", Detail);
            json.WriteString("instance", instance);
            json.WriteString("correlationId", correlationId);
            if (Errors.Count > 0) WriteErrors(json, "errors", Errors);
            if (Warnings.Count > 0) WriteErrors(json, "warnings", Warnings);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    internal static void WriteErrors(Utf8JsonWriter json, string name, IReadOnlyList<FieldError> errors)
    {
        json.WriteStartArray(name);
        foreach (var error in errors)
        {
            json.WriteStartObject();
            if (error.Path is not null) json.WriteString("path", error.Path);
            if (error.Parameter is not null) json.WriteString("parameter", error.Parameter);
            json.WriteString("message", error.Message);
            if (error.Line is { } line) json.WriteNumber("line", line);
            if (error.Column is { } column) json.WriteNumber("column", column);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}

/// <summary>Thrown inside an endpoint to answer with a problem; the service turns it into the response.</summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem { get; } = problem;

    public ProblemException(ProblemType type, string detail) : this(new Problem(type, detail))
    {
    }
}
