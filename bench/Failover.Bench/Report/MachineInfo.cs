using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Failover.Bench.Report;

/// <summary>Where and when the figures were taken: they mean little without the machine and the commit.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Moto, string Commit,
    DateTimeOffset Date, string LoadAverage)
{
    public static MachineInfo Read(string repository) => new(
        Cpu: ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores: Environment.ProcessorCount,
        MemoryGiB: MemoryKiB() / 1048576.0,
        Os: RuntimeInformation.OSDescription,
        Runtime: $".NET {Environment.Version}",
        Moto: Run("python3", ["-c", "import moto; print(moto.__version__)"], repository) ?? "?",
        Commit: CommitOf(repository),
        Date: DateTimeOffset.UtcNow,
        LoadAverage: LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages: how busy the shared machine was.</summary>
    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cpu}, {Cores} cores, {MemoryGiB:F0} GiB; {Os}; {Runtime}; moto {Moto}");

    private static string CommitOf(string repository)
    {
        var head = Run("git", ["rev-parse", "--short=12", "HEAD"], repository) ?? "unknown";
        var dirty = Run("git", ["status", "--porcelain", "--untracked-files=no"], repository) is { Length: > 0 };
        return dirty ? head + " (with uncommitted changes)" : head;
    }

    private static string? ProcLine(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    private static double MemoryKiB() =>
        ProcLine("/proc/meminfo", "MemTotal") is { } total ? double.Parse(total.Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private static string? Run(string file, string[] args, string directory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
