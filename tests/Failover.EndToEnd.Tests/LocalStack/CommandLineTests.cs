using System.Diagnostics;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary><c>failover-local</c> as a user runs it: exit codes and messages when it cannot start.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CommandLineTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string path, params string[] arguments)
    {
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "failover-local.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>The dotnet host by full path, so the tests can run it with a PATH of their choosing.</summary>
    private static string Dotnet() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, "dotnet"))
            .First(File.Exists);

    [Fact]
    public async Task Without_moto_it_exits_1_saying_how_to_install_it()
    {
        var emptyDirectory = Directory.CreateTempSubdirectory("failover-local-path-");
        var (exitCode, _, error) = await RunAsync(emptyDirectory.FullName, "--edge-port", "0");
        emptyDirectory.Delete();

        Assert.Equal(1, exitCode);
        Assert.Contains("moto_server was not found on PATH", error);
        Assert.Contains("pip install \"moto[server]\"", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task It_prints_the_endpoints_when_ready_and_SIGTERM_stops_moto_with_it()
    {
        var port = Failover.Local.Moto.MotoServer.FreePort();
        var start = new ProcessStartInfo(Dotnet())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "failover-local.dll"), "--edge-port",
            port.ToString(), "--api-port", "0", "--no-resources" })
            start.ArgumentList.Add(argument);
        using var stack = Process.Start(start)!;
        var error = stack.StandardError.ReadToEndAsync();
        try
        {
            var ready = new List<string>();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while (await stack.StandardOutput.ReadLineAsync(patience.Token) is { } line
                && !line.StartsWith("Ctrl+C", StringComparison.Ordinal))
                ready.Add(line);
            Assert.Equal("failover local stack ready", ready.FirstOrDefault());
            Assert.Contains(ready, line => line.Contains($"http://127.0.0.1:{port}/_local/health"));
            var motoUrl =
                new Uri(ready.Single(line => line.TrimStart().StartsWith("moto ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            using var http = new HttpClient();
            Assert.True((await http.GetAsync($"http://127.0.0.1:{port}/_local/health")).IsSuccessStatusCode);

            using (var terminate = Process.Start("kill", ["-TERM", stack.Id.ToString()])) await terminate.WaitForExitAsync();
            await stack.WaitForExitAsync(patience.Token);

            Assert.Equal(0, stack.ExitCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(motoUrl, "/moto-api/data.json")));
        }
        finally
        {
            if (!stack.HasExited) stack.Kill(entireProcessTree: true);
            Assert.DoesNotContain("   at ", await error);
        }
    }

    [Fact]
    public async Task An_unknown_fault_kind_is_refused_by_name()
    {
        var (exitCode, _, error) = await RunAsync(Environment.GetEnvironmentVariable("PATH") ?? "", "--fault-kinds", "Meteor");

        Assert.Equal(2, exitCode);
        Assert.Contains("'Meteor' is not a fault kind", error);
    }

    [Fact]
    public async Task A_moto_url_that_is_not_a_url_is_refused_by_name()
    {
        var (exitCode, _, error) = await RunAsync(Environment.GetEnvironmentVariable("PATH") ?? "", "--moto-url", "not a url");

        Assert.Equal(2, exitCode);
        Assert.Contains("--moto-url", error);
    }
}
