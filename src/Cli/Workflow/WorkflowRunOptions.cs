using Failover.Aws.StepFunctions;
using System.CommandLine;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Cli.Commands;
using Failover.Cli.Input;

namespace Failover.Cli.Workflow;

/// <summary>
/// What the commands that start workflow runs share (apply, rollback, destroy): which state machine, and how a run is
/// started, followed to its end and turned into an exit code (0 succeeded, 1 failed or rolled back).
/// </summary>
internal sealed class WorkflowRunOptions
{
    public const string StateMachineVariable = "FAILOVER_STATE_MACHINE_ARN";

    public Option<string?> StateMachine { get; } = new("--state-machine")
    {
        Description = $"The provisioning state machine, by name or ARN (default: ${StateMachineVariable}, else " +
            $"'{StateMachineLocator.DefaultName}')",
    };

    public void AddTo(Command command) => command.Options.Add(StateMachine);

    /// <summary>The state machine's name or ARN as the user gave it, else from the environment, else the default name.</summary>
    public string StateMachineName(ParseResult parse) =>
        parse.GetValue(StateMachine) ?? Environment.GetEnvironmentVariable(StateMachineVariable) ?? StateMachineLocator.DefaultName;

    public async Task<int> StartAndFollowAsync(
        ParseResult parse, ServiceTarget target, CliConsole console, Func<RunStarter, Task<StartedRun>> start,
            CancellationToken cancellationToken)
    {
        var store = target.Progress();
        var states = target.StepFunctions();
        var run = await AwsErrors.GuardAsync(async () =>
        {
            var nameOrArn = StateMachineName(parse);
            var arn = await StateMachineLocator.FindAsync(states, nameOrArn, cancellationToken)
                ?? throw new CliFailureException($"no state machine is called '{nameOrArn}': is the service deployed (or the local stack " +
                    $"running)? Name it with --state-machine");
            try
            {
                return await start(target.Runs(arn));
            }
            catch (RunRefusedException refused)
            {
                throw new CliFailureException($"refused: {refused.Message}");
            }
        });

        var follower = new RunFollower(store, states, console, TimeSpan.FromSeconds(target.IsLocal ? 0.5 : 2), TimeProvider.System);
        return await AwsErrors.GuardAsync(() => follower.FollowAsync(run, cancellationToken));
    }
}
