namespace Failover.Service.Ports;

/// <summary>Starts the provisioning workflow's executions (Step Functions StartExecution).</summary>
public interface IExecutions
{
    /// <summary>Starts an execution named <paramref name="name"/> (the run id) and returns its ARN.</summary>
    Task<string> StartAsync(string stateMachineArn, string input, string name, CancellationToken cancellationToken = default);
}
