using System.Diagnostics;
using System.Net;
using Failover.Cli;
using Failover.Reliability.Corpus;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Hostile and malformed input (<see cref="HostileCorpus"/>) through the CLI — <c>failover validate</c>, <c>plan</c> and
/// <c>apply</c>, in-process and, for a sample, as the real process — and through the HTTP API (<c>POST /trees</c>,
/// plain and dry run). Every case must be refused: exit 1 with a message and no crash or stack trace from the CLI, a 4xx
/// problem document from the API, never a 5xx — and not one Route 53 request made for any of them (the realism layer's
/// server-side count, before and after each case), nor a tree stored.
/// </summary>
public sealed class HostileInput : IScenario
{
    public string Name => "hostile-input";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var result = new ScenarioResult(Name)
            .Declare("cases", Expectation.Info);
        foreach (var kind in HostileCorpus.Kinds) result.Declare($"cases: {kind}", Expectation.Info);
        result
            .Declare("CLI invocations", Expectation.Info)
            .Declare("CLI: invalid specs accepted (exit 0)", Expectation.Zero)
            .Declare("CLI: exit codes other than 1", Expectation.Zero)
            .Declare("CLI: crashes", Expectation.Zero)
            .Declare("CLI: refusals without a message", Expectation.Zero)
            .Declare("CLI: stack traces printed", Expectation.Zero)
            .Declare("CLI processes run", Expectation.Info)
            .Declare("CLI processes not exiting 1", Expectation.Zero)
            .Declare("API requests", Expectation.Info)
            .Declare("API: invalid specs accepted (2xx)", Expectation.Zero)
            .Declare("API: 5xx answers", Expectation.Zero)
            .Declare("API: answers other than 4xx", Expectation.Zero)
            .Declare("API: 4xx without a problem document", Expectation.Zero)
            .Declare("Route 53 calls for invalid specs", Expectation.Zero)
            .Declare("trees stored for invalid specs", Expectation.Zero)
            .Declare("Route 53 calls counted for a valid dry run (control)", Expectation.AboveZero);
        foreach (var status in new[] { 400, 403, 413, 415 }) result.Declare($"API: {status} answers", Expectation.Info);

        var cases = new HostileCorpus(context.Seed, stack.ZoneId).Generate(context.Pick(smoke: 60, full: 400));
        var treesBefore = await CountTreesAsync(stack, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("failover-hostile-");
        try
        {
            var sampleEvery = Math.Max(1, cases.Count / context.Pick(smoke: 6, full: 40));
            foreach (var hostile in cases)
            {
                result.Add("cases");
                result.Add($"cases: {hostile.Kind}");
                var path = Path.Combine(directory.FullName, $"case{hostile.Number}{(hostile.IsYaml ? ".yaml" : ".json")}");
                await File.WriteAllBytesAsync(path, hostile.Body, cancellationToken);
                var before = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests;

                foreach (var command in new[] { new[] { "validate", path }, ["plan", path, "--offline"],
                    ["apply", path, "--yes", "--endpoint", stack.EdgeUrl.ToString()] })
                    await CliAsync(result, hostile, command, cancellationToken);
                if (hostile.Number % sampleEvery == 0) await CliProcessAsync(result, hostile, path, cancellationToken);
                foreach (var dryRun in new[] { false, true })
                    Count(result, hostile, dryRun,
                        await stack.Api.PostTreeAsync(hostile.Body, hostile.ContentType, dryRun, cancellationToken));

                var calls = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests - before;
                if (calls > 0) result.Defect("Route 53 calls for invalid specs", $"{hostile}: {calls} request(s)", calls);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        foreach (var hostile in cases)
            if (await stack.Store.GetTreeAsync($"hostile{hostile.Number}", cancellationToken) is not null)
                result.Defect("trees stored for invalid specs", hostile.ToString());
        var treesAfter = await CountTreesAsync(stack, cancellationToken);
        if (treesAfter != treesBefore) result.Defect(
            "trees stored for invalid specs", $"{treesAfter - treesBefore} more tree(s) listed", Math.Max(0, treesAfter - treesBefore));

        // The control: the counter does see Route 53 calls when a valid spec is planned against the zone.
        var control = new WorkflowDriver(stack).Generate(context.Seed, "hostile-control", 3);
        var controlBefore = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests;
        var answer =
            await stack.Api.PostTreeAsync(Failover.Core.Spec.SpecJsonWriter.Write(control!), dryRun: true,
            cancellationToken: cancellationToken);
        if (answer.Status == HttpStatusCode.OK)
            result.Add("Route 53 calls counted for a valid dry run (control)",
                (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests - controlBefore);
        else result.Note($"the control dry run was answered {answer}");
        return result;
    }

    private static async Task CliAsync(ScenarioResult result, HostileCase hostile, string[] args, CancellationToken cancellationToken)
    {
        result.Add("CLI invocations");
        var what = $"failover {args[0]} {hostile}";
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code;
        try
        {
            code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch (Exception crash) when (crash is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result.Defect("CLI: crashes", $"{what}: {crash.GetType().Name}: {crash.Message}");
            return;
        }
        var errors = stderr.ToString();
        if (code == CliApp.Ok) result.Defect("CLI: invalid specs accepted (exit 0)", $"{what}: {stdout.ToString().Trim()}");
        else if (code != CliApp.Invalid) result.Defect("CLI: exit codes other than 1", $"{what}: exit {code}: {First(errors)}");
        if (code != CliApp.Ok && errors.Trim().Length == 0) result.Defect("CLI: refusals without a message", what);
        if (errors.Contains("   at ", StringComparison.Ordinal)) result.Defect("CLI: stack traces printed", $"{what}: {First(errors)}");
    }

    /// <summary>The real <c>failover</c> process: a crash there (stack overflow, unhandled exception) ends the process, not an
    /// exception.</summary>
    private static async Task CliProcessAsync(ScenarioResult result, HostileCase hostile, string path, CancellationToken cancellationToken)
    {
        result.Add("CLI processes run");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(CliApp).Assembly.Location);
        start.ArgumentList.Add("validate");
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != CliApp.Invalid)
            result.Defect("CLI processes not exiting 1", $"{hostile}: exit {process.ExitCode}: {First(await errors)}");
    }

    private static void Count(ScenarioResult result, HostileCase hostile, bool dryRun, ApiAnswer answer)
    {
        result.Add("API requests");
        var what = $"POST /trees{(dryRun ? "?dryRun=true" : "")} {hostile}: {answer}";
        if (answer.Code is 400 or 403 or 413 or 415) result.Add($"API: {answer.Code} answers");
        if (answer.Code is >= 200 and < 300) result.Defect("API: invalid specs accepted (2xx)", what);
        else if (answer.IsServerError) result.Defect("API: 5xx answers", what);
        else if (answer.Code is < 400 or >= 500) result.Defect("API: answers other than 4xx", what);
        // API Gateway answers a body over its 10 MB quota itself, before the function: {"message":"Request Entity Too Large"}.
        else if (answer.ProblemType is null
            && !(answer.Code == 413 && answer.Body.Contains("Request Entity Too Large", StringComparison.Ordinal)))
            result.Defect("API: 4xx without a problem document", what);
    }

    private static async Task<int> CountTreesAsync(ReliabilityStack stack, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in stack.Store.ListAllTreesAsync(cancellationToken: cancellationToken)) count++;
        return count;
    }

    private static string First(string text) =>
        text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() is { } line && line.Length > 200 ? line[..200] + "…"
        : text.Split('\n').FirstOrDefault()?.Trim() ?? "";
}
