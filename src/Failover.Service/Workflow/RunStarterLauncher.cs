using Failover.Service.Ports;
using Failover.Core.Spec;

namespace Failover.Service.Workflow;

/// <summary>The HTTP API's way of starting runs (<see cref="IRunLauncher"/>), served by the workflow's <see cref="RunStarter"/>.</summary>
public sealed class RunStarterLauncher(RunStarter starter) : IRunLauncher
{
    public Task<LaunchedRun> ApplyAsync(
        TreeSpec spec, int? baseVersion, bool force, string correlationId, CancellationToken cancellationToken) =>
        LaunchAsync(() => starter.ApplyOnAsync(spec, baseVersion, force, correlationId, cancellationToken));

    public Task<LaunchedRun> RollbackAsync(string tree, int version, string correlationId, CancellationToken cancellationToken) =>
        LaunchAsync(() => starter.RollbackAsync(tree, version, correlationId, cancellationToken));

    public Task<LaunchedRun> TeardownAsync(string tree, string correlationId, CancellationToken cancellationToken) =>
        LaunchAsync(() => starter.TeardownAsync(tree, correlationId, cancellationToken));

    private static async Task<LaunchedRun> LaunchAsync(Func<Task<StartedRun>> start)
    {
        try
        {
            var run = await start().ConfigureAwait(false);
            return new LaunchedRun(run.RunId, run.Tree, run.Version, run.Kind);
        }
        catch (RunRefusedException refused)
        {
            var reason = refused.Reason switch
            {
                RunRefusal.UnknownTree => LaunchRefusal.UnknownTree,
                RunRefusal.UnknownVersion => LaunchRefusal.UnknownVersion,
                RunRefusal.TreeDeleted => LaunchRefusal.TreeDeleted,
                RunRefusal.NameClaimed => LaunchRefusal.NameClaimed,
                RunRefusal.StaleVersion => LaunchRefusal.StaleVersion,
                _ => LaunchRefusal.TreeLocked,
            };
            throw new LaunchRefusedException(reason, refused.Message, refused);
        }
    }
}
