namespace Failover.Service.Logging;

/// <summary>
/// Where log lines go: one JSON document per line, written whole under a lock so that lines from concurrent work
/// never interleave (Lambda turns each stdout line into one CloudWatch event).
/// </summary>
public sealed class LogSink
{
    private readonly Stream _output;
    private readonly Lock _gate = new();

    public LogSink(Stream output, LogLevel minimumLevel = LogLevel.Info)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        MinimumLevel = minimumLevel;
    }

    public LogLevel MinimumLevel { get; }

    /// <summary>The process's standard output, which Lambda forwards to CloudWatch Logs.</summary>
    public static LogSink StandardOutput(LogLevel minimumLevel = LogLevel.Info) =>
        new(Console.OpenStandardOutput(), minimumLevel);

    public bool IsEnabled(LogLevel level) => level >= MinimumLevel;

    internal void WriteLine(ReadOnlySpan<byte> json)
    {
        lock (_gate)
        {
            try
            {
                _output.Write(json);
                _output.WriteByte((byte)'\n');
                _output.Flush();
            }
            catch (IOException)
            {
                // A closed stdout must not fail an invocation: the response matters more than its log line.
            }
        }
    }
}
