using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Failover.Service.Logging;

/// <summary>
/// The one logger of the functions, the API and the local stack: one JSON document per line, written with
/// <see cref="Utf8JsonWriter"/> (no reflection, so the Native AOT binary keeps it whole), in the field names of
/// <see cref="LogFields"/>. A logger carries context fields — <c>log.With((LogFields.RunId, id))</c> — that every line it
/// (or a logger made from it) writes repeats; a field named twice keeps its latest value, so a line never repeats a key.
/// </summary>
public sealed class StructuredLogger
{
    public const string DefaultService = "failover";

    // Log lines are read by people and Logs Insights, never embedded in HTML: quotes and non-ASCII stay as they are.
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly LogSink _sink;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly ImmutableArray<(string Name, object? Value)> _context;

    public StructuredLogger(LogSink sink, TimeProvider time, string? service = null)
        : this(sink, time, string.IsNullOrWhiteSpace(service) ? DefaultService : service, [])
    {
    }

    private StructuredLogger(LogSink sink, TimeProvider time, string service, ImmutableArray<(string Name, object? Value)> context)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _sink = sink;
        _time = time;
        _service = service;
        _context = context;
    }

    /// <summary>A logger that writes nothing (code whose caller does not look at its log).</summary>
    public static StructuredLogger Silent { get; } = new(new LogSink(Stream.Null, LogLevel.Fatal), TimeProvider.System);

    public string Service => _service;

    /// <summary>A logger whose lines also carry these fields (replacing any of the same name).</summary>
    public StructuredLogger With(params ReadOnlySpan<(string Name, object? Value)> fields) =>
        fields.IsEmpty ? this : new StructuredLogger(_sink, _time, _service, Merged(_context, fields));

    public bool IsEnabled(LogLevel level) => _sink.IsEnabled(level);

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
            json.WriteString(LogFields.Level, level.Name());
            json.WriteString(LogFields.Message, message);
            json.WriteString(LogFields.Timestamp, Timestamp(_time.GetUtcNow()));
            json.WriteString(LogFields.Service, _service);
            foreach (var (name, value) in Merged(_context, fields))
            {
                if (IsReserved(name)) continue;
                WriteField(json, name, value);
            }
            if (exception is not null)
            {
                json.WriteString(LogFields.ErrorType, exception.GetType().Name);
                json.WriteString(LogFields.ErrorMessage, exception.Message);
                // The trace goes to the log, for the operator; it never reaches a caller's error document.
                if (exception.StackTrace is { } trace) json.WriteString(LogFields.StackTrace, trace);
            }
            json.WriteEndObject();
        }
        _sink.WriteLine(buffer.WrittenSpan);
    }

    // The keys the logger writes itself: a field of the same name would repeat a key of the line.
    private static bool IsReserved(string name) => name is LogFields.Level or LogFields.Message or LogFields.Timestamp
        or LogFields.Service or LogFields.ErrorType or LogFields.ErrorMessage or LogFields.StackTrace;

    private static ImmutableArray<(string Name, object? Value)> Merged(
        ImmutableArray<(string Name, object? Value)> context, ReadOnlySpan<(string Name, object? Value)> fields)
    {
        if (fields.IsEmpty) return context;
        var merged = context.ToBuilder();
        foreach (var field in fields)
        {
            var at = 0;
            while (at < merged.Count && merged[at].Name != field.Name) at++;
            if (at < merged.Count) merged[at] = field;
            else merged.Add(field);
        }
        return merged.ToImmutable();
    }

    private static string Timestamp(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

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
            case DateTimeOffset moment: json.WriteString(name, Timestamp(moment)); break;
            case IFormattable formattable: json.WriteString(name, formattable.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteString(name, value.ToString()); break;
        }
    }
}
