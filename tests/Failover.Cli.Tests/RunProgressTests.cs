using Failover.Cli.Workflow;
using Microsoft.Extensions.Time.Testing;
using Spectre.Console;

namespace Failover.Cli.Tests;

/// <summary>
/// A followed run's progress: the rows per layer, the INSYNC wait told while it lasts, the same snapshots as plain lines
/// and as the terminal's table, and Ctrl+C leaving the run going with the way back to it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RunProgressTests
{
    private static readonly string[] Layers = ["leaf-records", "alias-level-1"];

    private static NodeView Node(string id, string layer, string status, string? change = null, string? check = null) =>
        new(id, layer, status, check, change, status == "FAILED" ? "InvalidChangeBatch: no such health check" : null);

    private static RunSnapshot Running(params NodeView[] nodes) => new("RUNNING", nodes, Layers);

    [Fact]
    public void Layers_are_counted_in_running_order_with_their_own_times()
    {
        var time = new FakeTimeProvider();
        var tracker = new RunProgressTracker(time);
        tracker.Update(Running(Node("top", "alias-level-1", "PENDING"), Node("a", "leaf-records", "IN_PROGRESS"),
            Node("b", "leaf-records", "PENDING")));
        time.Advance(TimeSpan.FromSeconds(3));
        var progress = tracker.Update(Running(Node("top", "alias-level-1", "IN_PROGRESS"),
            Node("a", "leaf-records", "DONE", "C1"), Node("b", "leaf-records", "DONE", "C1")));
        time.Advance(TimeSpan.FromSeconds(5));
        var later = tracker.Update(Running(Node("top", "alias-level-1", "IN_PROGRESS"),
            Node("a", "leaf-records", "DONE", "C1"), Node("b", "leaf-records", "DONE", "C1")));

        Assert.Equal(Layers, progress.Layers.Select(l => l.Name));
        Assert.Equal(new LayerProgress("leaf-records", 2, 2, 0, LayerState.Done, TimeSpan.FromSeconds(3)), progress.Layers[0]);
        Assert.Equal(LayerState.Running, progress.Layers[1].State);
        // A finished layer keeps the time it took; a running one counts on.
        Assert.Equal(TimeSpan.FromSeconds(3), later.Layers[0].Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(5), later.Layers[1].Elapsed);
        Assert.Equal(TimeSpan.FromSeconds(8), later.Elapsed);
        Assert.Null(later.WaitingFor);
    }

    [Fact]
    public void The_insync_wait_is_named_with_its_changes_and_its_time()
    {
        var time = new FakeTimeProvider();
        var tracker = new RunProgressTracker(time);
        var through = Running(Node("a", "leaf-records", "DONE", "C1"), Node("top", "alias-level-1", "DONE", "C2"));
        Assert.Equal("waiting for Route 53 to report INSYNC, 2 change(s), 0 s", tracker.Update(through).WaitingFor);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal("waiting for Route 53 to report INSYNC, 2 change(s), 4 s", tracker.Update(through).WaitingFor);
        Assert.Null(tracker.Update(through with { Status = "SUCCEEDED" }).WaitingFor);
        Assert.StartsWith("planning", tracker.Update(Running()).WaitingFor);
    }

    [Fact]
    public void Plain_lines_tell_the_wait_when_it_begins_and_every_ten_seconds()
    {
        var time = new FakeTimeProvider();
        var tracker = new RunProgressTracker(time);
        var output = new StringWriter();
        var printer = new RunProgressPrinter(output);
        var through = Running(Node("a", "leaf-records", "DONE", "C1", check: "hc-1"));
        for (var second = 0; second <= 12; second++)
        {
            printer.Print(through, tracker.Update(through));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("[health-checks]   a                        health check hc-1", lines);
        Assert.Contains(lines, l => l.StartsWith("[leaf-records]   a                        DONE  (change C1)", StringComparison.Ordinal));
        var waits = lines.Where(l => l.StartsWith("...", StringComparison.Ordinal));
        Assert.Equal(["... waiting for Route 53 to report INSYNC, 1 change(s), 0 s",
            "... waiting for Route 53 to report INSYNC, 1 change(s), 10 s"], waits);
    }

    [Fact]
    public void The_terminal_table_shows_each_layer_the_wait_and_the_failed_nodes()
    {
        var time = new FakeTimeProvider();
        var tracker = new RunProgressTracker(time);
        var snapshot = Running(Node("a", "leaf-records", "DONE", "C1", check: "hc-1"), Node("b", "leaf-records", "DONE", "C1"),
            Node("top", "alias-level-1", "FAILED"));
        var text = Rendered(LiveProgressView.Render("run r-1: applying tree 'www' version 2", snapshot, tracker.Update(snapshot)));

        Assert.Contains("run r-1: applying tree 'www' version 2", text);
        Assert.Matches(@"leaf-records\s+│\s+2/2\s+│\s+done", text);
        Assert.Matches(@"alias-level-1\s+│\s+0/1\s+│\s+1 failed", text);
        Assert.Matches(@"health-checks\s+│\s+1\s+│\s+ready", text);
        Assert.Contains("top: InvalidChangeBatch: no such health check", text);
    }

    [Fact]
    public async Task Following_live_ends_with_the_last_table_drawn()
    {
        var reads = new Queue<RunSnapshot>([
            Running(Node("a", "leaf-records", "IN_PROGRESS")),
            new RunSnapshot("SUCCEEDED", [Node("a", "leaf-records", "DONE", "C1")], Layers),
        ]);
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, new StringWriter(), error);
        var watcher = new RunWatcher(console, TimeSpan.Zero, new FakeTimeProvider(), live: true);

        var (last, _) = await watcher.WatchAsync("run r-2", "www", _ => Task.FromResult(reads.Dequeue()), CancellationToken.None);

        Assert.Equal("SUCCEEDED", last.Status);
        Assert.Empty(reads);
        // The terminal's escape codes (cursor, colour) stripped: what a person reads.
        var seen = System.Text.RegularExpressions.Regex.Replace(error.ToString(), @"\x1b\[[0-9;?]*[A-Za-z]", "");
        Assert.Matches(@"leaf-records\s+│\s+1/1\s+│\s+done", seen);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ctrl_c_stops_the_following_and_says_how_to_re_attach(bool live)
    {
        using var stop = new CancellationTokenSource();
        var console = new CliConsole(TextReader.Null, new StringWriter(), new StringWriter());
        var watcher = new RunWatcher(console, TimeSpan.FromMinutes(1), TimeProvider.System, live);

        var following = watcher.WatchAsync("run r-3", "www", _ =>
        {
            stop.Cancel();
            return Task.FromResult(Running(Node("a", "leaf-records", "IN_PROGRESS")));
        }, stop.Token);

        var refused = await Assert.ThrowsAsync<CliFailureException>(() => following);
        Assert.Contains("the run goes on in the service: 'failover status www --watch' re-attaches to it", refused.Message);
    }

    private static string Rendered(Spectre.Console.Rendering.IRenderable renderable)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 120;
        console.Write(renderable);
        return output.ToString();
    }
}
