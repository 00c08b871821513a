using System.CommandLine;

namespace Failover.Cli.Input;

/// <summary>
/// <c>--yes</c>, and the question apply, destroy and rollback ask before they change Route 53, as Terraform asks: only
/// "yes" goes ahead. Without a terminal to ask on and without <c>--yes</c> the command changes nothing and says how to
/// go ahead (a script must say it means it).
/// </summary>
internal sealed class Confirmation
{
    public Option<bool> Yes { get; } = new("--yes", "-y") { Description = "Do not ask for confirmation before changing Route 53" };

    public void AddTo(Command command) => command.Options.Add(Yes);

    /// <summary>True to go ahead; false (after saying so) when the person declined.</summary>
    public bool Ask(ParseResult parse, CliConsole console, string action)
    {
        if (parse.GetValue(Yes)) return true;
        if (!console.Interactive)
            throw new CliFailureException(
                $"{action}: nothing was changed, as there is no terminal to confirm on; run it again with --yes to go ahead");
        console.Out.Write($"{action}?{Environment.NewLine}  Only 'yes' will be accepted to confirm.{Environment.NewLine}  Enter a value: ");
        var answer = console.In.ReadLine()?.Trim();
        if (answer == "yes") return true;
        console.Out.WriteLine("Cancelled: nothing was changed.");
        return false;
    }
}
