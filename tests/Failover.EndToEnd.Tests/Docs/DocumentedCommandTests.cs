using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Failover.Cli;
using Failover.Testing.Stack;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Docs;

/// <summary>
/// Every <c>failover</c> command the README and docs/ show is one the CLI takes, and every example (<c>$ failover …</c>)
/// prints what the docs quote under it: run in-process, in the order the docs give them, on a fresh local stack, with
/// the files docs/cli.md names (<c>www.json</c> and <c>shop.json</c> in the local zone, <c>broken.json</c>). A command that
/// reads or changes trees goes to the stack's HTTP API (<c>--api</c>), or to its edge in direct mode, and gets
/// <c>--yes</c>: the test has no terminal to answer on.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DocumentedCommandTests(ITestOutputHelper log)
{
    /// <summary>Examples that cannot run here, with the reason. Their command lines are still parsed.</summary>
    private static readonly Dictionary<string, string> NotRun = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Commands whose examples are not run, with the reason. Their command lines are still parsed.</summary>
    private static readonly Dictionary<string, string> CommandsNotRun = new(StringComparer.Ordinal)
    {
        ["dashboard"] = "serves the dashboard until Ctrl+C; its own tests start it (tests/Failover.Cli.Tests/Dashboard, the browser test)",
        ["context"] = "reads and writes the user's own config file; tests/Failover.Cli.Tests/ContextTests use a file of their own",
    };

    // What only a real deployment answers: its URL, AWS's endpoints, a CloudFormation stack, a named profile.
    private static readonly string[] RealAwsMarks = ["amazonaws.com", "--endpoint aws", "--stack", "--profile"];

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public void Every_documented_command_line_is_one_the_CLI_parses()
    {
        var commands = Documented();
        Assert.Contains(commands, c => c.IsExample);
        var failures = new List<string>();
        foreach (var command in commands)
        {
            var shell = ShellCommand.Parse(command.Text);
            var parsed = CliApp.Parse([.. shell.Args]);
            if (parsed.Errors.Count > 0)
                failures.Add($"{command}\n  {string.Join("\n  ", parsed.Errors.Select(e => e.Message))}");
            if (command.IsExample && shell.After is not null)
                failures.Add($"{command}\n  an example shows the CLI's own output: pipe it in a plain command line instead");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_documented_example_prints_what_the_docs_quote()
    {
        await using var stack = await new TestStackBuilder().StartAsync();
        var folder = Fixtures(stack.ZoneId);
        var failures = new List<string>();
        var ran = 0;
        try
        {
            foreach (var example in Documented().Where(c => c.IsExample))
            {
                if (NotRun.ContainsKey(example.Text)) continue;
                if (ShellCommand.Parse(example.Text).Args is [var name, ..] && CommandsNotRun.ContainsKey(name)) continue;
                if (RealAwsMarks.FirstOrDefault(example.Text.Contains) is { } mark)
                {
                    failures.Add($"{example}\n  needs a real deployment ({mark}): list it in {nameof(NotRun)} with the reason");
                    continue;
                }
                ran++;
                if (await RunAsync(example, stack, folder) is { } failure) failures.Add($"{example}\n{failure}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
        log.WriteLine($"{ran} example(s) run, {failures.Count} failed");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<string?> RunAsync(DocumentedCommand example, TestStack stack, string folder)
    {
        var shell = ShellCommand.Parse(example.Text);
        var args = Targeted(InFolder(shell.Args, folder), stack);
        var printed = new StringBuilder();
        var both = TextWriter.Synchronized(new StringWriter(printed));
        var toFile = shell.StdoutFile is null ? null : new StringWriter();
        var stdout = toFile is null ? both : TextWriter.Synchronized(toFile);
        var stderr = shell.StderrDropped ? TextWriter.Null : both;
        var running = CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        if (await Task.WhenAny(running, Task.Delay(Patience)) != running) return $"  did not finish in {Patience.TotalMinutes} min";
        var code = await running;
        if (toFile is not null) await File.WriteAllTextAsync(Path.Combine(folder, shell.StdoutFile!), toFile.ToString());
        var output = printed.ToString().Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
        log.WriteLine($"{example} → exit {code}\n{output}");
        // Exit 2 is a usage error, except where --detailed-exitcode makes it "there are changes".
        if (code == CliApp.Usage && !args.Contains("--detailed-exitcode")) return $"  usage error (exit 2):\n{output}";
        return QuotedOutput.Mismatch(example.Output!, output, example.Abridged) is { } mismatch ? "  " + mismatch : null;
    }

    /// <summary>Paths the docs give relative to the repository (or to where the files are made) made absolute.</summary>
    private static string[] InFolder(IReadOnlyList<string> args, string folder) =>
        args.Select((arg, i) =>
            !arg.StartsWith('-') && (File.Exists(Path.Combine(folder, arg)) || (i > 0 && args[i - 1] is "-o" or "--output"))
                ? Path.Combine(folder, arg)
                : arg).ToArray();

    /// <summary>
    /// The stack as the command's target: its API (replacing any URL the docs give), or its edge for direct mode and
    /// commands without <c>--api</c>; <c>--yes</c> where the command asks. A command that calls nothing gets nothing.
    /// </summary>
    private static string[] Targeted(string[] args, TestStack stack)
    {
        var command = CliApp.Parse(args).CommandResult.Command;
        bool Takes(string option) => command.Options.Any(o => o.Name == option || o.Aliases.Contains(option));
        var list = args.ToList();
        void Set(string option, string value)
        {
            var at = list.IndexOf(option);
            if (at >= 0 && at + 1 < list.Count) list[at + 1] = value;
            else list.AddRange([option, value]);
        }
        if (list.Contains("--offline")) return [.. list];
        if (Takes("--api") && !list.Contains("--direct") && !list.Contains("--endpoint")) Set("--api", stack.ApiUrl.ToString());
        else if (Takes("--endpoint")) Set("--endpoint", stack.EdgeUrl.ToString());
        if (Takes("--yes") && !list.Contains("--yes")) list.Add("--yes");
        return [.. list];
    }

    /// <summary>A folder with examples/ and the files docs/cli.md says its examples use.</summary>
    private static string Fixtures(string zoneId)
    {
        var folder = Directory.CreateTempSubdirectory("failover-docs-").FullName;
        var examples = Path.Combine(AppContext.BaseDirectory, "examples");
        foreach (var file in Directory.EnumerateFiles(examples, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, "examples", Path.GetRelativePath(examples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        JsonNode Example(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(examples, name)))!;
        void Write(string name, JsonNode spec) => File.WriteAllText(Path.Combine(folder, name), spec.ToJsonString());

        var www = Example("www.json");
        www["hostedZoneId"] = zoneId;
        Write("www.json", www);
        var shop = Example("complex.json");
        shop["hostedZoneId"] = zoneId;
        Write("shop.json", shop);
        var broken = Example("www.json");
        broken["root"]!["primary"]!["children"]![0]!["children"]![0]!["weight"] = 300;
        broken["root"]!["primary"]!["children"]![1]!["id"] = "use1";
        Write("broken.json", broken);
        return folder;
    }

    /// <summary>The README first, then docs/cli.md, then the rest of docs/: the order a reader takes them in.</summary>
    private static List<DocumentedCommand> Documented()
    {
        var root = Repository();
        var docs = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md")
            .OrderBy(path => Path.GetFileName(path) == "cli.md" ? 0 : 1).ThenBy(path => path, StringComparer.Ordinal);
        return new[] { Path.Combine(root, "README.md") }.Concat(docs)
            .SelectMany(path => DocumentedCommand.Extract(Path.GetRelativePath(root, path), File.ReadAllText(path)))
            .ToList();
    }

    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Failover.sln"))) return directory.FullName;
        throw new InvalidOperationException("Failover.sln not found above " + AppContext.BaseDirectory);
    }
}
