using Failover.Local;
using Failover.Local.Moto;

var command = LocalStackCommandLine.Create(RunAsync);
// On SIGTERM/Ctrl+C System.CommandLine cancels the token, then gives up after ProcessTerminationTimeout (2 s by
// default) and exits 143: too short to stop Kestrel and moto on a busy machine, which would leave moto behind.
return await command.Parse(args)
    .InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

static async Task<int> RunAsync(LocalStackOptions options, CancellationToken stopping)
{
    var log = LocalLog.StandardError();
    options = options with { Log = log };
    LocalStack stack;
    try
    {
        stack = await LocalStack.StartAsync(options, stopping);
    }
    catch (MotoNotInstalledException missing)
    {
        // What to install, for the person at the terminal: plain lines, not a JSON log line with escaped quotes.
        await Console.Error.WriteLineAsync(missing.Message);
        return 1;
    }
    catch (Exception failure)
        when (failure is ArgumentException or InvalidOperationException or IOException or HttpRequestException or TimeoutException)
    {
        log.Error("The local stack could not start.", failure);
        return 1;
    }
    catch (OperationCanceledException)
    {
        return 130;
    }

    await using (stack)
    {
        Console.WriteLine(ReadyReport.For(stack));
        foreach (var spec in options.ApplySpecs)
            if (await Failover.Local.Demo.DemoApply.RunAsync(stack, spec, Console.Out, stopping) != 0) return 1;
        var stopped = await Task.WhenAny(Task.Delay(Timeout.Infinite, stopping), stack.MotoExited);
        if (stopped == stack.MotoExited)
        {
            log.Error("moto stopped unexpectedly; stopping the stack.", null, ("moto_output", stack.MotoOutput));
            return 1;
        }
        Console.WriteLine("stopping the local stack");
    }
    return 0;
}
