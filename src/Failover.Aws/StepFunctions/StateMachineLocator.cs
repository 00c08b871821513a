using Failover.Service.Ports;

namespace Failover.Aws.StepFunctions;

/// <summary>Finds the provisioning state machine by ARN or by name (the local stack names it after its definition file).</summary>
public static class StateMachineLocator
{
    /// <summary>The name the definition file gives it: src/StateMachine/Provisioning.asl.json.</summary>
    public const string DefaultName = "Provisioning";

    /// <returns>The ARN, or null when no state machine has that name.</returns>
    public static async Task<string?> FindAsync(StepFunctionsClient states, string nameOrArn, CancellationToken cancellationToken = default)
    {
        if (nameOrArn.StartsWith("arn:", StringComparison.Ordinal)) return nameOrArn;
        string? token = null;
        do
        {
            var page = await states.ListStateMachinesAsync(token, 1000, cancellationToken).ConfigureAwait(false);
            if (page.StateMachines.FirstOrDefault(m => m.Name == nameOrArn) is { } found) return found.StateMachineArn;
            token = page.NextToken;
        } while (token is not null);
        return null;
    }
}
