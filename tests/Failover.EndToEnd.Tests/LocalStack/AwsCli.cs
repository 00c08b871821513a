using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// The real AWS CLI (awscli on botocore), outside this process: an independent client of the local stack. Commands run
/// in long-lived Python hosts (aws_cli_host.py: a fresh CLI driver per command, the import paid once) rather than one
/// `aws` process each, which costs about a second of processor time to start; when awscli cannot be imported (an AWS
/// CLI v2 install), each command runs `aws` as before.
/// </summary>
public static class AwsCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentBag<AwsCliHost> Idle = [];
    private static volatile bool _hostsUnavailable;

    public static async Task<Result> RunAsync(Uri endpoint, params string[] arguments)
    {
        string[] command = ["--endpoint-url", endpoint.ToString().TrimEnd('/'), .. arguments];
        if (_hostsUnavailable) return await RunProcessAsync(command);
        if (!Idle.TryTake(out var host))
        {
            host = await AwsCliHost.StartAsync(CliEnvironment());
            if (host is null)
            {
                _hostsUnavailable = true;
                return await RunProcessAsync(command);
            }
        }
        // A host whose command failed to answer in time is dropped (killed), not handed to the next command.
        var result = await host.RunAsync(command, Patience);
        Idle.Add(host);
        return result;
    }

    /// <summary>The CLI's environment: test credentials, and nothing of the machine's AWS configuration.</summary>
    private static Dictionary<string, string?> CliEnvironment() => new()
    {
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        // No profile, config or credentials file of the machine may change what the CLI does.
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_PROFILE"] = null,
        ["AWS_PAGER"] = "",
    };

    private static async Task<Result> RunProcessAsync(string[] command)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command) start.ArgumentList.Add(argument);
        AwsCliHost.SetEnvironment(start, CliEnvironment());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the AWS CLI");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var patience = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(patience.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}

/// <summary>One running aws_cli_host.py: a command at a time, a JSON line each way.</summary>
internal sealed class AwsCliHost
{
    private readonly Process _process;

    private AwsCliHost(Process process) => _process = process;

    /// <summary>Starts a host and waits for its "ready" line; null when awscli cannot be imported.</summary>
    public static async Task<AwsCliHost?> StartAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "LocalStack", "aws_cli_host.py");
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(script);
        SetEnvironment(start, environment);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("could not start python3 for the AWS CLI");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no python3 on the PATH: `aws` itself may still be there
        }
        // Its stderr is drained as it comes, so a chatty command cannot block the host on a full pipe.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ready = await process.StandardOutput.ReadLineAsync(patience.Token);
        if (ready == "ready") return new AwsCliHost(process);
        await process.WaitForExitAsync(patience.Token);
        process.Dispose();
        return null;
    }

    public async Task<AwsCli.Result> RunAsync(string[] command, TimeSpan patience)
    {
        var request = new JsonObject { ["args"] = new JsonArray([.. command.Select(argument => JsonValue.Create(argument))]) };
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await _process.StandardInput.WriteLineAsync(request.ToJsonString().AsMemory(), timeout.Token);
            await _process.StandardInput.FlushAsync(timeout.Token);
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(
                $"the AWS CLI host ended (exit {ExitCode()}) during: aws {string.Join(' ', command)}");
            var answer = JsonNode.Parse(line)!;
            return new AwsCli.Result((int)answer["code"]!, (string)answer["out"]!, (string)answer["err"]!);
        }
        catch
        {
            Kill();
            throw;
        }
    }

    public static void SetEnvironment(ProcessStartInfo start, IReadOnlyDictionary<string, string?> environment)
    {
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    private void Kill()
    {
        try { _process.Kill(); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
    }
}
