using System.CommandLine;

namespace Failover.Cli.Input;

/// <summary>
/// <c>--detailed-exitcode</c>, as Terraform's: 0 when there is nothing to change, 2 when there is, 1 on an error, so a
/// pipeline can branch on the answer. Without it, a successful answer is 0 either way.
/// </summary>
internal static class DetailedExitCode
{
    public const int Changes = 2;

    public static Option<bool> Option(string meaning) => new("--detailed-exitcode") { Description = "Exit codes: " + meaning };

    public static int Of(ParseResult parse, Option<bool> option, bool changes) =>
        changes && parse.GetValue(option) ? Changes : CliApp.Ok;
}
