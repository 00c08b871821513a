using Failover.Functions.Tests;

namespace Failover.Deploy.Tests.Binary;

/// <summary>
/// The <c>failover</c> command line as users install it: one Native AOT executable published by <c>make cli</c>
/// (scripts/publish-cli.sh) into obj/cli, which make publishes again only when a source of the CLI changed;
/// <c>$FAILOVER_CLI</c> when CI published it already.
/// </summary>
public sealed class PublishedCli : IAsyncLifetime
{
    public const string Variable = "FAILOVER_CLI";

    public string Path { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            Path = File.Exists(given) ? given : throw new InvalidOperationException($"{Variable}={given} does not exist.");
            return;
        }
        Path = Repository.PathOf("tests/Failover.Deploy.Tests/obj/cli/failover");
        await using var publishing = await PublishedBootstrap.PublishLockAsync(Repository.Root);
        await Repository.RunAsync("make", "--no-print-directory", "cli", $"CLI={Path}");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
