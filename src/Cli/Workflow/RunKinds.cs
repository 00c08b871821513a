using System.Globalization;

namespace Failover.Cli.Workflow;

/// <summary>How a followed run is named and how its end is told, on either path.</summary>
internal static class RunKinds
{
    /// <summary>The verb for a run kind as stored (<c>APPLY | ROLLBACK | TEARDOWN | REPAIR</c>).</summary>
    public static string Describe(string kind) => kind switch
    {
        "TEARDOWN" => "tearing down",
        "ROLLBACK" => "rolling back",
        "REPAIR" => "repairing",
        _ => "applying",
    };

    /// <summary>The closing line on stdout (and the error on stderr), as an exit code: 0 succeeded, 1 otherwise.</summary>
    public static int Report(CliConsole console, string tree, string runId, int version, RunSnapshot last, TimeSpan elapsed)
    {
        if (last.Status == "SUCCEEDED")
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{tree}: run {runId} SUCCEEDED (version {version}, {elapsed.TotalSeconds:0} s)"));
            return CliApp.Ok;
        }
        console.Out.WriteLine($"{tree}: run {runId} {last.Status}");
        console.Error.WriteLine($"error: {last.Error ?? "the run failed"}");
        return CliApp.Invalid;
    }
}
