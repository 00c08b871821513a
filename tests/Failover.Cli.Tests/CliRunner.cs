using Failover.Cli;

namespace Failover.Cli.Tests;

/// <summary>Runs the real <c>failover</c> command line in-process with captured streams.</summary>
internal static class CliRunner
{
    public sealed record Outcome(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static Task<Outcome> RunWithStdinAsync(string stdin, params string[] args) => RunAsync(stdin, interactive: false, args);

    /// <summary>As a person at a terminal who types <paramref name="typed"/> when asked.</summary>
    public static Task<Outcome> RunAtTerminalAsync(string typed, params string[] args) => RunAsync(typed, interactive: true, args);

    private static async Task<Outcome> RunAsync(string stdin, bool interactive, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(stdin), stdout, stderr, interactive);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }

    public static Task<Outcome> RunAsync(params string[] args) => RunWithStdinAsync("", args);

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "examples", name);

    public static string TempFile(string contents, string extension = ".json")
    {
        var path = Path.Combine(Path.GetTempPath(), $"failover-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, contents);
        return path;
    }
}
