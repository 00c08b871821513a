using Failover.Service.Logging;

namespace Failover.Local;

/// <summary>The local stack's own log: the functions' structured JSON lines, on standard error, as service <c>failover-local</c>.</summary>
public static class LocalLog
{
    public const string Service = "failover-local";

    public static StructuredLogger StandardError(Failover.Service.Logging.LogLevel minimumLevel = Failover.Service.Logging.LogLevel.Info) =>
        new(new LogSink(Console.OpenStandardError(), minimumLevel), TimeProvider.System, Service);
}
