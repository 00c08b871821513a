using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Failover.Functions.Hosting.Logging;

/// <summary>
/// Structured JSON log lines carrying the request id, in the field names of Lambda's JSON log format
/// (<c>timestamp</c>, <c>level</c>, <c>requestId</c>, <c>message</c>), so CloudWatch Logs Insights can filter on them.
/// Extra fields are name/value pairs: <c>logger.Info("batch submitted", ("changeId", id), ("records", 12))</c>.
/// </summary>
public sealed class LambdaLogger
{
    // Log lines are read by people and Logs Insights, never embedded in HTML: quotes and non-ASCII stay as they are.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LogSink _sink;
    private readonly TimeProvider _time;
    private readonly string? _requestId;
    private readonly string? _handlerName;

    public LambdaLogger(LogSink sink, TimeProvider time, string? requestId = null, string? handlerName = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _sink = sink;
        _time = time;
        _requestId = requestId;
        _handlerName = handlerName;
    }

    public void Debug(string message, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        Write(LogLevel.Debug, message, null, fields);

    public void Info(string message, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        Write(LogLevel.Info, message, null, fields);

    public void Warn(string message, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        Write(LogLevel.Warn, message, null, fields);

    public void Error(string message, Exception? exception = null, params ReadOnlySpan<(string Name, object? Value)> fields) =>
        Write(LogLevel.Error, message, exception, fields);

    public void Write(LogLevel level, string message, Exception? exception, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        if (!_sink.IsEnabled(level)) return;

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Readable))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", level.Name());
            if (_requestId is not null) json.WriteString("requestId", _requestId);
            if (_handlerName is not null) json.WriteString("handler", _handlerName);
            json.WriteString("message", message);
            foreach (var (name, value) in fields) WriteField(json, name, value);
            if (exception is not null)
            {
                json.WriteString("errorType", exception.GetType().Name);
                json.WriteString("errorMessage", exception.Message);
                // The trace goes to the log, for the operator; it never reaches a caller's error document.
                if (exception.StackTrace is { } trace) json.WriteString("stackTrace", trace);
            }
            json.WriteEndObject();
        }
        _sink.WriteLine(buffer.WrittenSpan);
    }

    private static void WriteField(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case string text: json.WriteString(name, text); break;
            case bool flag: json.WriteBoolean(name, flag); break;
            case int number: json.WriteNumber(name, number); break;
            case long number: json.WriteNumber(name, number); break;
            case double number when double.IsFinite(number): json.WriteNumber(name, number); break;
            case decimal number: json.WriteNumber(name, number); break;
            case TimeSpan span: json.WriteNumber(name, Math.Round(span.TotalMilliseconds, 3)); break;
            case DateTimeOffset moment: json.WriteString(name,
                moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)); break;
            case IFormattable formattable: json.WriteString(name, formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteString(name, value.ToString()); break;
        }
    }
}
