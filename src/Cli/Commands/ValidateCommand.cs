using System.CommandLine;
using Failover.Cli.Input;

namespace Failover.Cli.Commands;

/// <summary><c>failover validate SPEC</c>: every error and warning at once, path first; exit 1 on any error.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var spec = SpecArgument.Create();
        var command =
            new Command("validate",
            "Check a tree spec against Route 53's rules; print every error and warning, one per line, path first") { spec };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(spec)!;
            var tree = SpecInput.Load(path, console);
            if (tree is null) return CliApp.Invalid;
            console.Out.WriteLine($"{path}: valid tree '{tree.Name}' ({tree.Root.DescendantsAndSelf().Count()} nodes)");
            return CliApp.Ok;
        });
        return command;
    }
}
