namespace Failover.Service.Logging;

/// <summary>Log levels with the names Lambda's advanced logging controls use (<c>AWS_LAMBDA_LOG_LEVEL</c>).</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

public static class LogLevelNames
{
    public static string Name(this LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <summary>Reads <c>AWS_LAMBDA_LOG_LEVEL</c>'s value; anything unrecognised (or nothing) means INFO.</summary>
    public static LogLevel Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "WARN" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Fatal,
        _ => LogLevel.Info,
    };
}
