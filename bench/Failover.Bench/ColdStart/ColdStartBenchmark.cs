using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Failover.Bench.ColdStart;

/// <summary>The figures of one binary over its runs.</summary>
internal sealed record ColdStartRow(string Build, string Binary, long SizeBytes, IReadOnlyList<double> StartMs,
    IReadOnlyList<double> RoundTripMs, IReadOnlyList<double> PeakRssMiB)
{
    public double MedianStartMs => Median(StartMs);
    public double MedianRoundTripMs => Median(RoundTripMs);
    public double MedianPeakRssMiB => Median(PeakRssMiB);

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Cold start of the Lambda binary: the Native AOT <c>bootstrap</c> and a JIT build of the same project side by side,
/// runs alternating, each against a fake Runtime API on loopback (scripts/measure-bootstrap.py does the measuring:
/// process start → first GET next, one Echo round trip, peak RSS from /usr/bin/time).
/// </summary>
internal static class ColdStartBenchmark
{
    public static async Task<IReadOnlyList<ColdStartRow>> RunAsync(
        string repository, string? aotBinary, string jitBinary, int runs, TextWriter output, CancellationToken cancellationToken)
    {
        var builds = new List<(string Build, string Binary)>();
        if (aotBinary is not null) builds.Add(("Native AOT", aotBinary));
        else output.WriteLine(
            "cold start: no Native AOT bootstrap (set FAILOVER_BOOTSTRAP or run scripts/publish-bootstrap.sh artifacts/bootstrap): JIT " +
            "only");
        builds.Add(("JIT", jitBinary));

        var start =
            new ProcessStartInfo("python3", [Path.Combine(repository, "scripts", "measure-bootstrap.py"), .. builds.Select(b => b.Binary),
            "--runs", runs.ToString(CultureInfo.InvariantCulture), "--json"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repository,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"measure-bootstrap.py failed ({process.ExitCode}): {await stderr}");

        using var document = JsonDocument.Parse(await stdout);
        var rows = document.RootElement.EnumerateArray().Select((binary, i) =>
        {
            var measured = binary.GetProperty("runs").EnumerateArray().ToList();
            List<double> Figures(string name) => measured.Select(r => r.GetProperty(name).GetDouble()).ToList();
            return new ColdStartRow(builds[i].Build, builds[i].Binary, SizeOf(builds[i].Build, builds[i].Binary),
                Figures("startToFirstNextMs"), Figures("roundTripMs"), Figures("peakRssMiB"));
        }).ToList();

        output.WriteLine($"cold start: {runs} runs each, alternating; fake Runtime API on loopback");
        output.WriteLine($"{"build",-11} {"size",9} {"start→next",11} {"(min–max)",15} {"round trip",11} {"peak RSS",9}");
        foreach (var row in rows)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Build,-11} {row.SizeBytes / 1048576.0,6:F1} MB {row.MedianStartMs,8:F1} ms " +
                $"{$"({row.StartMs.Min():F0}–{row.StartMs.Max():F0} ms)",15} " +
                $"{row.MedianRoundTripMs,8:F1} ms {row.MedianPeakRssMiB,5:F1} MB"));
        if (rows.Count == 2)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"JIT/AOT: start {rows[1].MedianStartMs / rows[0].MedianStartMs:F1}×, peak RSS " +
                $"{rows[1].MedianPeakRssMiB / rows[0].MedianPeakRssMiB:F1}×"));
        return rows;
    }

    /// <summary>The AOT binary is the whole deployment; a JIT build is its folder of assemblies (the runtime aside).</summary>
    private static long SizeOf(string build, string binary) => build == "JIT"
        ? Directory.EnumerateFiles(Path.GetDirectoryName(binary)!).Where(f => !f.EndsWith(".pdb", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length)
        : new FileInfo(binary).Length;
}
