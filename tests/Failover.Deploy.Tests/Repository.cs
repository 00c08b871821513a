using System.Diagnostics;

namespace Failover.Deploy.Tests;

/// <summary>The checkout the tests run in, and the commands they run in it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Runs a command in the repository; throws with its output when it exits non-zero.</summary>
    public static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        // The test host's MSBuild variables would steer a nested dotnet publish (make without PREBUILT_BOOTSTRAP).
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited " +
                $"{process.ExitCode}:\n{await output}\n{await errors}");
        return await output;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Failover.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Failover.sln above {AppContext.BaseDirectory}.");
    }
}
