using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Failover.Local.Moto;

/// <summary>
/// A moto_server child process on a free loopback port: the AWS backend of the local stack and of the integration
/// tests. Disposing it kills the process, so no moto outlives the stack or the test run.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;

    private MotoServer(Process process, int port)
    {
        _process = process;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public Uri Url { get; }

    /// <summary>
    /// Starts moto. <paramref name="lambdaEndpointPort"/> becomes moto's <c>MOTO_PORT</c>: the port its Step Functions
    /// interpreter calls for every service, which is how Task states reach our Lambda Invoke endpoint.
    /// </summary>
    public static async Task<MotoServer> StartAsync(int? lambdaEndpointPort = null, CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            "moto_server was not found on PATH. Install it with: pip install \"moto[server]\"");
        var port = FreePort();
        var start = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["MOTO_PORT"] = (lambdaEndpointPort ?? port).ToString();
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        // Drain the pipes so a chatty moto never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MotoServer(process, port);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return server;
    }

    /// <summary>Turns on moto's Step Functions interpreter so executions run the real definition.</summary>
    public async Task EnableStateMachineExecutionAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var content = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(Url, "/moto-api/config"), content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forgets every resource (moto's reset endpoint); tests use it to start from an empty account.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri(Url, "/moto-api/reset"), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before it was ready");
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "/moto-api/data.json"), cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"moto_server on port {Port} was not ready after {timeout.TotalSeconds:0} s");
    }

    private static string? FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "moto_server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>A port the OS says is free now (bind to 0, read, release).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
