using Spectre.Console;

namespace Failover.Cli.Workflow;

/// <summary>
/// Follows a run to its end, one read per poll, showing its progress: redrawn in place on a terminal
/// (<see cref="LiveProgressView"/>), plain lines otherwise (<see cref="RunProgressPrinter"/>). Ctrl+C stops the
/// following only: the run goes on in the service, and the message says how to re-attach. The one follower of the
/// progress-table path and the API path alike.
/// </summary>
internal sealed class RunWatcher(CliConsole console, TimeSpan pollInterval, TimeProvider time, bool live)
{
    public async Task<(RunSnapshot Last, TimeSpan Elapsed)> WatchAsync(
        string heading, string tree, Func<CancellationToken, Task<RunSnapshot>> read, CancellationToken cancellationToken)
    {
        var tracker = new RunProgressTracker(time);
        try
        {
            if (!live)
            {
                console.Error.WriteLine(heading);
                var printer = new RunProgressPrinter(console.Error);
                var last = await LoopAsync(read, s => printer.Print(s, tracker.Update(s)), cancellationToken);
                return (last, tracker.Elapsed);
            }
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(console.Error), Ansi = AnsiSupport.Detect, Interactive = InteractionSupport.Yes,
            });
            RunSnapshot? final = null;
            await terminal.Live(new Text(heading)).AutoClear(false).StartAsync(async context =>
            {
                final = await LoopAsync(read, s =>
                {
                    context.UpdateTarget(LiveProgressView.Render(heading, s, tracker.Update(s)));
                    context.Refresh();
                }, cancellationToken);
            });
            return (final!, tracker.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliFailureException(
                $"stopped following; the run goes on in the service: 'failover status {tree} --watch' re-attaches to it");
        }
    }

    private async Task<RunSnapshot> LoopAsync(
        Func<CancellationToken, Task<RunSnapshot>> read, Action<RunSnapshot> show, CancellationToken cancellationToken)
    {
        while (true)
        {
            var snapshot = await read(cancellationToken);
            show(snapshot);
            if (!snapshot.IsRunning) return snapshot;
            await Task.Delay(pollInterval, time, cancellationToken);
        }
    }
}
