using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Functions.Hosting.RuntimeApi;

namespace Failover.Functions.Tests;

/// <summary>Runs <see cref="LambdaBootstrap"/> in this process against a <see cref="FakeRuntimeApi"/>, capturing its log.</summary>
public sealed class InProcessRuntime : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly MemoryStream _log = new();

    private InProcessRuntime(FakeRuntimeApi api) => Api = api;

    public FakeRuntimeApi Api { get; }

    public Task<int> Run { get; private set; } = Task.FromResult(-1);

    public static async Task<InProcessRuntime> StartAsync(string? handlerName, Func<LogSink, HandlerTable> buildTable)
    {
        var runtime = new InProcessRuntime(await FakeRuntimeApi.StartAsync());
        var sink = new LogSink(runtime._log, LogLevel.Debug);
        runtime.Run = Task.Run(() => LambdaBootstrap.RunAsync(
            new RuntimeSettings(runtime.Api.Address, handlerName), () => buildTable(sink), runtime._stop.Token, sink));
        return runtime;
    }

    /// <summary>Stops the loop and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>The log lines written so far (read after the loop stopped).</summary>
    public string[] LogLines() =>
        System.Text.Encoding.UTF8.GetString(_log.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await Run.WaitAsync(TimeSpan.FromMinutes(1)); } catch (Exception) { /* the test already saw it */ }
        await Api.DisposeAsync();
        _stop.Dispose();
    }
}
