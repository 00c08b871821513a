using System.Diagnostics;

namespace Failover.Bench.ColdStart;

/// <summary>
/// The two builds of src/Functions the cold-start benchmark compares. Native AOT: <c>$FAILOVER_BOOTSTRAP</c> (CI
/// publishes it once), else artifacts/bootstrap/bootstrap when it is newer than the sources, else published there
/// (full runs only: publishing takes minutes). JIT: the project's own build in the bench's configuration, which building
/// the bench makes.
/// </summary>
internal static class BootstrapBinaries
{
    private static readonly string[] SourceFolders = ["src/Functions", "src/Failover.Core", "src/Failover.Aws"];

    public static async Task<string?> AotAsync(string repository, bool mayPublish, TextWriter output, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("FAILOVER_BOOTSTRAP") is { Length: > 0 } given && File.Exists(given)) return given;
        var folder = Path.Combine(repository, "artifacts", "bootstrap");
        var binary = Path.Combine(folder, "bootstrap");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) > NewestSource(repository)) return binary;
        if (!mayPublish) return null;
        output.WriteLine($"publishing the Native AOT bootstrap into {folder} (scripts/publish-bootstrap.sh)");
        await RunAsync("bash", [Path.Combine(repository, "scripts", "publish-bootstrap.sh"), folder], repository, cancellationToken);
        return binary;
    }

    public static async Task<string> JitAsync(string repository, CancellationToken cancellationToken)
    {
        var binary = Path.Combine(repository, "src", "Functions", "bin", BuildConfiguration.Name, "net10.0", "bootstrap");
        if (!File.Exists(binary))
            await RunAsync("dotnet",
                ["build", Path.Combine(repository, "src", "Functions"), "-c", BuildConfiguration.Name, "-v", "q", "--nologo"], repository,
                cancellationToken);
        return binary;
    }

    private static DateTime NewestSource(string repository) =>
        SourceFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(repository, folder), "*", SearchOption.AllDirectories))
            .Where(file => !Path.GetRelativePath(repository, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MaxValue).Max();

    private static async Task RunAsync(string file, string[] args, string directory, CancellationToken cancellationToken)
    {
        var start =
            new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        // `dotnet run` hands its MSBuild variables down; a nested build must resolve its own SDK.
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed " +
                $"({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
