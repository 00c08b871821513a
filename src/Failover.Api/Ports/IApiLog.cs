namespace Failover.Api.Ports;

public enum ApiLogLevel
{
    Info,
    Warn,
    Error,
}

/// <summary>
/// Where the API writes its structured log lines (the Lambda host's JSON logger in the deployment). Every line carries
/// the request's correlation id among its fields.
/// </summary>
public interface IApiLog
{
    void Write(ApiLogLevel level, string message, Exception? exception, IReadOnlyList<(string Name, object? Value)> fields);
}

/// <summary>A log that drops everything (tests that do not look at logs).</summary>
public sealed class SilentApiLog : IApiLog
{
    public static SilentApiLog Instance { get; } = new();

    public void Write(ApiLogLevel level, string message, Exception? exception, IReadOnlyList<(string Name, object? Value)> fields)
    {
    }
}
