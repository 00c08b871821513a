using Failover.Cli.Input;
using Failover.Cli.Workflow;
using Failover.Core.Contracts;

namespace Failover.Cli.Api;

/// <summary>The run to follow, as the 202 that started it or the tree's last run names it.</summary>
internal sealed record FollowedRun(string RunId, string Tree, int Version, string Kind);

/// <summary>
/// Follows a run the API started (<c>GET /runs/{id}</c>) to its end with the same progress lines as a run followed in
/// the progress table, and turns its end into an exit code (0 succeeded, 1 failed or rolled back). Ctrl+C stops the
/// following only: the run goes on in the service, and the message says how to look at it again.
/// </summary>
internal sealed class ApiRunFollower(ServiceApi api, CliConsole console, TimeSpan pollInterval, TimeProvider time)
{
    public async Task<int> FollowAsync(FollowedRun run, CancellationToken cancellationToken)
    {
        console.Error.WriteLine($"run {run.RunId}: {Describe(run.Kind)} tree '{run.Tree}' version {run.Version}");
        var printer = new RunProgressPrinter(console.Error, time);
        RunResource resource;
        try
        {
            while (true)
            {
                resource = ServiceApi.Read<RunResource>(
                    await api.GetAsync($"/runs/{Uri.EscapeDataString(run.RunId)}", cancellationToken), "a run");
                printer.Print(resource.Nodes.Select(n => new NodeView(n.NodeId, n.Layer, n.Status, n.HealthCheckId, n.ChangeId, n.Error))
                    .ToList(), LayersInOrder(resource.Nodes));
                if (resource.Status != "RUNNING") break;
                await Task.Delay(pollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliFailureException(
                $"stopped following run {run.RunId}; it goes on in the service: 'failover status {run.Tree}' shows where it is");
        }

        if (resource.Status == "SUCCEEDED")
        {
            console.Out.WriteLine($"{run.Tree}: run {run.RunId} SUCCEEDED (version {run.Version}, {printer.Elapsed.TotalSeconds:0} s)");
            return CliApp.Ok;
        }
        console.Out.WriteLine($"{run.Tree}: run {run.RunId} {resource.Status}");
        console.Error.WriteLine($"error: {resource.Error ?? "the run failed"}");
        return CliApp.Invalid;
    }

    /// <summary>The layers in the order the run reached them (a node's start time), those not reached yet last.</summary>
    private static IReadOnlyList<string> LayersInOrder(IReadOnlyList<NodeResource> nodes) =>
        nodes.Where(n => n.Layer is not null)
            .GroupBy(n => n.Layer!)
            .OrderBy(g => g.Min(n => n.StartedAt ?? "~"), StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();

    private static string Describe(string kind) => kind switch
    {
        "TEARDOWN" => "tearing down",
        "ROLLBACK" => "rolling back",
        _ => "applying",
    };
}
