using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Diagram;

namespace Failover.Cli.Commands;

/// <summary><c>failover diagram SPEC [--format mermaid|dot]</c>: the tree, each node labelled with the record it becomes.</summary>
internal static class DiagramCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (flowchart TD, the default) or dot (Graphviz)",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var command =
            new Command("diagram",
            "Draw the tree (Mermaid or Graphviz), each node labelled with its Route 53 record kind and health check") { spec, format };
        command.SetAction(parse =>
        {
            var tree = SpecInput.Load(parse.GetValue(spec)!, console);
            if (tree is null) return CliApp.Invalid;
            var text = parse.GetValue(format) == "dot" ? DiagramRenderer.Dot(tree) : DiagramRenderer.Mermaid(tree);
            console.Out.Write(text.EndsWith('\n') ? text : text + Environment.NewLine);
            return CliApp.Ok;
        });
        return command;
    }
}
