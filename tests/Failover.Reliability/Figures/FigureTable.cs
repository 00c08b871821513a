using System.Globalization;

namespace Failover.Reliability.Figures;

/// <summary>The suite's output: one row per figure, grouped by scenario, with the rule it is held to and the verdict.</summary>
public static class FigureTable
{
    public static void Write(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        var rows = results.SelectMany(r => r.Figures).ToList();
        var scenarioWidth = Math.Max("scenario".Length, rows.Select(r => r.Scenario.Length).DefaultIfEmpty(0).Max());
        var nameWidth = Math.Max("figure".Length, rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        var valueWidth = Math.Max("value".Length, rows.Select(r => Format(r.Value).Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"scenario".PadRight(scenarioWidth)}  {"figure".PadRight(nameWidth)}  {"value".PadLeft(valueWidth)}  must   " +
            $"verdict");
        output.WriteLine(new string('-', scenarioWidth + nameWidth + valueWidth + 20));
        foreach (var result in results)
        {
            var first = true;
            foreach (var figure in result.Figures)
            {
                var scenario = first ? result.Scenario : "";
                var verdict = figure.Expect == Expectation.Info ? "" : figure.Ok ? "ok" : "FAIL";
                output.WriteLine($"{scenario.PadRight(scenarioWidth)}  {figure.Name.PadRight(nameWidth)}  " +
                    $"{Format(figure.Value).PadLeft(valueWidth)}  {figure.Rule,-5}  {verdict}");
                first = false;
            }
            output.WriteLine($"{"".PadRight(scenarioWidth)}  {"(seconds)".PadRight(nameWidth)}  " +
                $"{result.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture).PadLeft(valueWidth)}");
        }
        var failed = rows.Where(r => !r.Ok).ToList();
        output.WriteLine();
        output.WriteLine(failed.Count == 0
            ? $"all {rows.Count(r => r.Expect != Expectation.Info)} checked figures hold"
            : $"{failed.Count} figure(s) FAILED: " + string.Join(", ", failed.Select(f => $"{f.Scenario}/{f.Name}={f.Value}")));
        foreach (var note in results.Where(r => !r.Ok).SelectMany(r => r.Notes.Select(n => $"  {r.Scenario}: {n}")))
            output.WriteLine(note);
    }

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
