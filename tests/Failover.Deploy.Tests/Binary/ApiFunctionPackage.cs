using Failover.Functions.Tests;

namespace Failover.Deploy.Tests.Binary;

/// <summary>
/// What <c>sam build</c> packages for ApiFunction: <c>make build-ApiFunction ARTIFACTS_DIR=…</c> run into a fresh
/// folder. The binary it packages is the one already published ($FAILOVER_BOOTSTRAP in CI, else the Functions tests'
/// cached publish), handed over as PREBUILT_BOOTSTRAP so the Native AOT compile never runs twice.
/// </summary>
public sealed class ApiFunctionPackage : IAsyncLifetime
{
    private readonly PublishedBootstrap _published = new();

    public string Folder { get; } = Repository.PathOf("tests/Failover.Deploy.Tests/obj/sam-build/ApiFunction");

    public string Bootstrap => Path.Combine(Folder, "bootstrap");

    public async Task InitializeAsync()
    {
        await _published.InitializeAsync();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        await Repository.RunAsync("make", "--no-print-directory",
            "build-ApiFunction", $"ARTIFACTS_DIR={Folder}", $"PREBUILT_BOOTSTRAP={_published.Path}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
