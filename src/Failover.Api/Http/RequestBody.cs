using System.Text;
using System.Text.Json;
using Failover.Api.Problems;
using Failover.Core.Validation;

namespace Failover.Api.Http;

/// <summary>The checks every request body goes through: its size, its media type and charset, and (for JSON) its syntax.</summary>
public static class RequestBody
{
    /// <summary>413 when the body is larger than <paramref name="maxBytes"/>.</summary>
    public static void CheckSize(ApiRequest request, int maxBytes)
    {
        if (request.Body.Length > maxBytes)
            throw new ProblemException(ProblemType.BodyTooLarge,
                $"the body is {request.Body.Length} bytes; this route takes at most {maxBytes} bytes ({maxBytes / 1024} KB)");
    }

    /// <summary>
    /// The body's media type essence, which must be one of <paramref name="accepted"/> (415 otherwise). Text must be
    /// UTF-8: it is what the spec parser and every JSON reader here expect.
    /// </summary>
    public static string CheckMediaType(ApiRequest request, Func<string?, bool> accepted, string acceptedNames)
    {
        var contentType = request.Header("content-type");
        var essence = MediaTypes.Essence(contentType);
        if (essence is null)
            throw new ProblemException(
                ProblemType.UnsupportedMediaType, $"the request has a body but no Content-Type; send {acceptedNames}");
        if (!accepted(essence))
            throw new ProblemException(
                ProblemType.UnsupportedMediaType, $"Content-Type '{essence}' is not accepted here; send {acceptedNames}");
        if (MediaTypes.Charset(contentType) is { } charset && charset is not ("utf-8" or "utf8"))
            throw new ProblemException(ProblemType.UnsupportedMediaType, $"charset '{charset}' is not accepted; send UTF-8");
        return essence;
    }

    /// <summary>The body as UTF-8 text; invalid UTF-8 is a 400 naming the byte offset.</summary>
    public static string Text(ApiRequest request)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(request.Body.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new ProblemException(new Problem(ProblemType.InvalidRequest, $"the body is not valid UTF-8 (at byte {e.Index})"));
        }
    }

    /// <summary>
    /// Parses a JSON body; malformed JSON is a 400 with the line and column where reading stopped. Comments are
    /// skipped, as the spec parser skips them. Nesting is limited to the spec's own limit (64 levels by default): no
    /// valid body of any route is deeper, and a deeper one costs the parser for nothing.
    /// </summary>
    public static JsonDocument ParseJson(ApiRequest request, int maxNesting = 0)
    {
        if (maxNesting <= 0) maxNesting = ValidationLimits.Default.MaxNesting;
        try
        {
            return JsonDocument.Parse(request.Body,
                new JsonDocumentOptions { MaxDepth = maxNesting, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ProblemException(Malformed(e));
        }
    }

    public static Problem Malformed(JsonException e)
    {
        // JsonException counts lines and bytes from zero.
        var line = (int?)e.LineNumber + 1;
        var column = (int?)e.BytePositionInLine + 1;
        var where = line is null ? "" : $" at line {line}, column {column}";
        var message = $"the body is not well-formed JSON{where}: {FirstSentence(e.Message)}";
        return new Problem(ProblemType.MalformedJson,
            message) { Errors = [new FieldError(message) { Path = "$", Line = line, Column = column }] };
    }

    // System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 3." (or just "LineNumber: …" when the
    // path is unknown): zero-based positions we already give, one-based.
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        return message.Trim();
    }
}
