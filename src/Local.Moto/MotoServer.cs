using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Failover.Local.Moto;

/// <summary>
/// A moto_server child process on a free loopback port: the AWS backend of the local stack and of the integration
/// tests. Disposing it kills the process, so no moto outlives the stack or the test run. It runs with
/// <see cref="MotoPatches"/> loaded (fixes for moto bugs the stack depends on).
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _patchDirectory;

    private MotoServer(Process process, int port, string patchDirectory)
    {
        _process = process;
        _patchDirectory = patchDirectory;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public Uri Url { get; }

    /// <summary>Completes when the moto process ends, for whatever reason (the stack stops with it).</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>moto's last lines of output, for reports when it stops unexpectedly.</summary>
    public string RecentOutput
    {
        get { lock (_recentOutput) return string.Join(Environment.NewLine, _recentOutput); }
    }

    private readonly Queue<string> _recentOutput = new();

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_recentOutput)
        {
            _recentOutput.Enqueue(line);
            while (_recentOutput.Count > 20) _recentOutput.Dequeue();
        }
    }

    /// <summary>
    /// Starts moto. <paramref name="lambdaEndpointPort"/> becomes moto's <c>MOTO_PORT</c>: the port its Step Functions
    /// interpreter calls for every service, which is how Task states reach our Lambda Invoke endpoint.
    /// <paramref name="reservedPorts"/> are ports the caller will bind next: moto starts first, and a free port the OS
    /// hands it could otherwise be one of those, which then fails to bind ("address already in use").
    /// </summary>
    public static async Task<MotoServer> StartAsync(int? lambdaEndpointPort = null, CancellationToken cancellationToken = default,
        IReadOnlyCollection<int>? reservedPorts = null)
    {
        var executable = FindExecutable() ?? throw new MotoNotInstalledException();
        var port = FreePort(reservedPorts ?? []);
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
        var patchDirectory = MotoPatches.WriteToTemporaryDirectory();
        start.Environment["PYTHONPATH"] = MotoPatches.PythonPath(patchDirectory, Environment.GetEnvironmentVariable("PYTHONPATH"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        var server = new MotoServer(process, port, patchDirectory);
        // Drain the pipes so a chatty moto never blocks on a full buffer; keep the tail for error reports.
        process.OutputDataReceived += (_, line) => server.Remember(line.Data);
        process.ErrorDataReceived += (_, line) => server.Remember(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Turns on moto's Step Functions interpreter so executions run the real definition.</summary>
    public Task EnableStateMachineExecutionAsync(CancellationToken cancellationToken = default) =>
        EnableStateMachineExecutionAsync(Url, cancellationToken);

    /// <summary>
    /// Turns on the Step Functions interpreter of the moto at <paramref name="motoUrl"/>. moto 5.2.1 answers with its
    /// configuration but leaves the stepfunctions section out, so the answer cannot confirm the setting; the local
    /// stack's tests do (an execution whose Task invokes a function through the edge succeeds).
    /// </summary>
    public static async Task EnableStateMachineExecutionAsync(Uri motoUrl, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var content =
            new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(motoUrl, "/moto-api/config"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"moto at {motoUrl} refused to enable Step Functions execution ({(int)response.StatusCode}: " +
                    $"{await response.Content.ReadAsStringAsync(cancellationToken)})");
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
                throw new InvalidOperationException(
                    $"moto_server exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{RecentOutput}");
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

    /// <summary>A port the OS says is free now (bind to 0, read, release), other than <paramref name="reserved"/>.</summary>
    public static int FreePort(IReadOnlyCollection<int> reserved)
    {
        var port = FreePort();
        while (reserved.Contains(port)) port = FreePort();
        return port;
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
        try { Directory.Delete(_patchDirectory, recursive: true); } catch (IOException) { }
    }
}
