using Failover.Service.Logging;

namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>
/// Start-up of the custom runtime: build the handler table, resolve <c>_HANDLER</c>, run the loop. A start-up
/// failure is reported to <c>/runtime/init/error</c> and ends the process with a non-zero exit code, as Lambda expects.
/// </summary>
public static class LambdaBootstrap
{
    public const int Success = 0;
    public const int Failure = 1;

    public const string HandlerNotFoundType = "Runtime.HandlerNotFound";
    public const string StartupFailedType = "Runtime.StartupFailed";

    /// <summary>Returns the process exit code: 0 when <paramref name="stop"/> ended the loop, 1 on any failure.</summary>
    public static async Task<int> RunAsync(
        RuntimeSettings settings,
        Func<HandlerTable> buildTable,
        CancellationToken stop,
        LogSink? startupLog = null,
        HttpMessageHandler? httpHandler = null)
    {
        var log = new StructuredLogger(startupLog ?? LogSink.StandardOutput(), TimeProvider.System,
            HostingOptions.ServiceFrom(Environment.GetEnvironmentVariable));
        if (string.IsNullOrEmpty(settings.RuntimeApi))
        {
            log.Error($"{RuntimeSettings.RuntimeApiVariable} is not set: bootstrap runs as a Lambda custom runtime (provided.al2023). " +
                      "Run it with --list-handlers to see its handlers.");
            return Failure;
        }

        using var client = new RuntimeApiClient(settings.RuntimeApi, httpHandler);
        RuntimeLoop loop;
        try
        {
            var table = buildTable();
            log = table.Log.With((LogFields.Handler, settings.HandlerName));
            if (!table.Contains(settings.HandlerName ?? ""))
            {
                var unknown = new UnknownHandlerException(settings.HandlerName ?? "", table.Names);
                return await ReportInitErrorAsync(client, log, new FunctionError(HandlerNotFoundType, unknown.Message), stop);
            }
            loop = new RuntimeLoop(client, table, settings.HandlerName!);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log.Error("Start-up failed.", exception);
            var error = new FunctionError(StartupFailedType, $"Start-up failed: {FunctionError.FromException(exception).Message}");
            return await ReportInitErrorAsync(client, log, error, stop);
        }

        try
        {
            await loop.RunAsync(stop);
            return Success;
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
        {
            log.Error("The Runtime API is unreachable or broken; the runtime exits.", exception);
            return Failure;
        }
    }

    private static async Task<int> ReportInitErrorAsync(RuntimeApiClient client, StructuredLogger log, FunctionError error,
        CancellationToken stop)
    {
        log.Error(error.Message, null, (InvocationLog.FunctionErrorType, error.Type));
        try
        {
            await client.PostInitErrorAsync(error, stop);
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException or OperationCanceledException)
        {
            log.Error("Could not report the start-up error to the Runtime API.", exception);
        }
        return Failure;
    }
}
