using System.Diagnostics;
using Failover.Testing;

namespace Failover.Functions.Tests;

/// <summary>
/// The Native AOT <c>bootstrap</c>: <c>$FAILOVER_BOOTSTRAP</c> when CI already published it, otherwise published once
/// by scripts/publish-bootstrap.sh into obj/bootstrap-aot and reused until a source of the binary changes.
/// </summary>
public sealed class PublishedBootstrap : IAsyncLifetime
{
    public const string Variable = "FAILOVER_BOOTSTRAP";

    // Projects and files the binary is built from; a change in any of them makes the cached binary stale.
    private static readonly string[] SourceFolders = ["src/Functions", "src/Failover.Core", "src/Failover.Aws", "web/src"];
    private static readonly string[] SourceFiles =
    [
        "Directory.Build.props", "Directory.Packages.props", "scripts/publish-bootstrap.sh", "scripts/build-dashboard.sh",
        "web/index.html", "web/package-lock.json", "web/vite.config.ts",
    ];

    public string Path { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Path = File.Exists(given) ? given : throw new InvalidOperationException($"{Variable}={given} does not exist.");
            return;
        }

        var repository = RepositoryRoot();
        var folder = System.IO.Path.Combine(repository, "tests", "Failover.Functions.Tests", "obj", "bootstrap-aot");
        Path = System.IO.Path.Combine(folder, "bootstrap");
        // tests/Failover.Deploy.Tests shares this cache, and dotnet test runs test projects in parallel processes.
        Directory.CreateDirectory(folder);
        await using var publishing = await PublishLockAsync(repository);
        if (File.Exists(Path) && File.GetLastWriteTimeUtc(Path) > NewestSource(repository)) return;

        await PublishAsync(repository, folder);
    }

    /// <summary>
    /// Held while a test publishes a Native AOT binary (this one, or the CLI in tests/Failover.Deploy.Tests): two
    /// Release publishes at once would build the projects they share into the same obj folders.
    /// </summary>
    public static Task<FileStream> PublishLockAsync(string repository)
    {
        var obj = System.IO.Path.Combine(repository, "tests", "Failover.Functions.Tests", "obj");
        Directory.CreateDirectory(obj);
        return ExclusiveAsync(System.IO.Path.Combine(obj, "bootstrap-aot.lock"));
    }

    /// <summary>A lock file held open for exclusive use, waited for while another process holds it (as long as a publish takes).</summary>
    private static async Task<FileStream> ExclusiveAsync(string path) =>
        (await Eventually.ReachAsync($"the lock {path}", _ => Task.FromResult(TryOpenExclusive(path)), stream => stream is not null,
            within: TimeSpan.FromMinutes(25), every: TimeSpan.FromMilliseconds(500)))!;

    private static FileStream? TryOpenExclusive(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task PublishAsync(string repository, string folder)
    {
        var start = new ProcessStartInfo("bash", [System.IO.Path.Combine(repository, "scripts", "publish-bootstrap.sh"), folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        // The test host's MSBuild variables point at its own SDK resolution and would confuse a nested publish.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);

        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(20));
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"publish-bootstrap.sh failed ({publish.ExitCode}):\n{await output}\n{await errors}");
    }

    private static DateTime NewestSource(string repository) =>
        SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(System.IO.Path.Combine(repository, folder), "*", SearchOption.AllDirectories))
            .Where(file => !IsBuildOutput(System.IO.Path.GetRelativePath(repository, file)))
            .Concat(SourceFiles.Select(file => System.IO.Path.Combine(repository, file)).Where(File.Exists))
            .Select(File.GetLastWriteTimeUtc)
            .Max();

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Failover.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Failover.sln above {AppContext.BaseDirectory}.");
    }
}
