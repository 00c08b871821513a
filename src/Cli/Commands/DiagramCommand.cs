using System.CommandLine;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Diagram;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover diagram SPEC [--format mermaid|dot]</c>: the tree, each node labelled with the record it becomes. With
/// <c>--api</c> and a stored tree's name, the service draws its current version (<c>GET /trees/NAME/diagram</c>),
/// coloured by the last run's progress and the last drift report.
/// </summary>
internal static class DiagramCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.SpecOrTree();
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (flowchart TD, the default) or dot (Graphviz)",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var apiTarget = new ApiTargetOptions();
        var command =
            new Command("diagram",
            "Draw the tree (Mermaid or Graphviz), each node labelled with its Route 53 record kind and health check") { spec, format };
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var source = parse.GetValue(spec)!;
            string text;
            using var http = ApiTargetOptions.NewHttpClient();
            if (SpecArgument.NamesStoredTree(source) && apiTarget.Resolve(parse, http) is { } api)
            {
                text = await new ApiCommands(api, console).DiagramAsync(source, parse.GetValue(format)!, cancellationToken);
            }
            else
            {
                var tree = SpecInput.Load(source, console);
                if (tree is null) return CliApp.Invalid;
                text = parse.GetValue(format) == "dot" ? DiagramRenderer.Dot(tree) : DiagramRenderer.Mermaid(tree);
            }
            console.Out.Write(text.EndsWith('\n') ? text : text + Environment.NewLine);
            return CliApp.Ok;
        });
        return command;
    }
}
