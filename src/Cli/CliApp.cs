using System.CommandLine;
using Failover.Cli.Commands;

namespace Failover.Cli;

/// <summary>
/// The <c>failover</c> command line. Streams are passed in so tests run it in-process.
/// Exit codes: 0 success, 1 invalid spec or failed operation, 2 usage error.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    public static async Task<int> RunAsync(
        string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, bool interactive = false, bool liveProgress = false)
    {
        var parsed = Parse(args, new CliConsole(stdin, stdout, stderr) { Interactive = interactive, LiveProgress = liveProgress });
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'failover --help' for usage.");
            return Usage;
        }
        // Our own handler maps exceptions to exit codes and never prints a stack trace.
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(config);
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Usage;
        }
        catch (CliFailureException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Invalid;
        }
    }

    /// <summary>
    /// The command line parsed, nothing run: what a test of the documented commands checks a command against (its
    /// errors, and which options the command takes). Without a console, one that reads and writes nothing.
    /// </summary>
    public static ParseResult Parse(string[] args, CliConsole? console = null)
    {
        console ??= new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null);
        var root = new RootCommand("failover — DNS failover trees on Amazon Route 53: validate, plan, draw, simulate and apply them.");
        foreach (var command in Build(console)) root.Subcommands.Add(command);
        return root.Parse(args);
    }

    private static IEnumerable<Command> Build(CliConsole console) =>
    [
        ValidateCommand.Create(console),
        PlanCommand.Create(console),
        DiagramCommand.Create(console),
        SimulateCommand.Create(console),
        ImportTrafficPolicyCommand.Create(console),
        AdoptCommand.Create(console),
        ExportCommand.Create(console),
        ReleaseCommand.Create(console),
        ApplyCommand.Create(console),
        DestroyCommand.Create(console),
        DriftCommand.Create(console),
        RollbackCommand.Create(console),
        StatusCommand.Create(console),
        ListCommand.Create(console),
        RunsCommand.Create(console),
        HealthCommand.Create(console),
        ContextCommand.Create(console),
        DashboardCommand.Create(console),
    ];
}

/// <summary>
/// Where a command reads and writes; the real console in production, string buffers in tests. <see cref="Interactive"/>:
/// a person at a terminal can be asked to confirm (both stdin and stdout are a terminal). <see cref="LiveProgress"/>: a
/// followed run's progress is redrawn in place (stderr is a terminal); plain lines otherwise.
/// </summary>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public bool Interactive { get; init; }
    public bool LiveProgress { get; init; }
}

/// <summary>The user asked for something the command cannot do as asked (exit 2).</summary>
public sealed class CliUsageException(string message) : Exception(message);

/// <summary>The command ran and failed for a reason the user must act on (exit 1); the message says why.</summary>
public sealed class CliFailureException(string message) : Exception(message);
