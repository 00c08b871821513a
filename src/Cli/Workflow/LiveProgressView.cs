using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Failover.Cli.Workflow;

/// <summary>
/// The progress of a followed run on a terminal: one table redrawn in place (Spectre.Console's live display) — a row per
/// layer with its nodes through out of its nodes, its state and its time — under a heading with the run and what it
/// waits for, and the failed nodes with their errors below.
/// </summary>
internal static class LiveProgressView
{
    public static IRenderable Render(string heading, RunSnapshot snapshot, RunProgress progress)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("layer").AddColumn(new TableColumn("nodes").RightAligned()).AddColumn("state")
            .AddColumn(new TableColumn("time").RightAligned());
        if (progress.HealthChecks > 0)
            table.AddRow(Markup.Escape(Core.Planning.LayerNames.HealthChecks), $"{progress.HealthChecks}", "[green]ready[/]", "");
        foreach (var layer in progress.Layers)
            table.AddRow(Markup.Escape(layer.Name), $"{layer.Done}/{layer.Total}", State(layer), Seconds(layer.Elapsed));

        var lines = new List<IRenderable>
        {
            new Markup($"[bold]{Markup.Escape(heading)}[/]  {Seconds(progress.Elapsed)}"),
            table,
        };
        if (progress.WaitingFor is { } waiting) lines.Add(new Markup($"[yellow]{Markup.Escape(waiting)}[/]"));
        foreach (var failed in snapshot.Nodes.Where(n => n.Status == "FAILED"))
            lines.Add(new Markup($"[red]{Markup.Escape(failed.NodeId)}[/]: {Markup.Escape(failed.Error ?? "failed")}"));
        return new Rows(lines);
    }

    private static string State(LayerProgress layer) => layer.State switch
    {
        LayerState.Done => "[green]done[/]",
        LayerState.Failed => $"[red]{layer.Failed} failed[/]",
        LayerState.Running => "[yellow]running[/]",
        _ => "[grey]waiting[/]",
    };

    private static string Seconds(TimeSpan elapsed) =>
        elapsed == TimeSpan.Zero ? "" : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s");
}
