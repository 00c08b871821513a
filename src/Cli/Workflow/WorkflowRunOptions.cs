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
            $"'{StateMachineLocator.DefaultName}' on the local stack and '{DeployedName}' with --endpoint aws)",
    };

    /// <summary>What template.yaml names it for the stack "failover" (<c>${AWS::StackName}-provisioning</c>), whose table is
    /// the CLI's default table, failover-progress.</summary>
    public const string DeployedName = "failover-provisioning";

    public void AddTo(Command command) => command.Options.Add(StateMachine);

    /// <summary>
    /// The state machine's name or ARN as the user gave it, else from the environment, else the target's default name: the
    /// local stack's, or the deployed stack's.
    /// </summary>
    public string StateMachineName(ParseResult parse, ServiceTarget target) =>
        parse.GetValue(StateMachine) ?? Environment.GetEnvironmentVariable(StateMachineVariable)
        ?? (target.IsLocal ? StateMachineLocator.DefaultName : DeployedName);

    public async Task<int> StartAndFollowAsync(
        ParseResult parse, ServiceTarget target, CliConsole console, Func<RunStarter, Task<StartedRun>> start,
            CancellationToken cancellationToken)
    {
        var store = target.Progress();
        var states = target.StepFunctions();
        var run = await AwsErrors.GuardAsync(async () =>
        {
            var nameOrArn = StateMachineName(parse, target);
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
