namespace Failover.Local.Resources;

/// <summary>The names the template gives the service's resources; the local stack creates them under the same names.</summary>
public static class LocalResourceNames
{
    public const string ProgressTable = "failover-progress";
    public const string DriftQueue = "failover-drift";
    public const string DriftDeadLetterQueue = "failover-drift-dlq";

    /// <summary>After this many receives a drift message moves to the dead-letter queue.</summary>
    public const int DriftMaxReceiveCount = 3;

    public const string DemoZone = "example.com";

    /// <summary>The role moto records as the state machines' execution role (moto checks only its shape).</summary>
    public const string StateMachineRoleArn = "arn:aws:iam::123456789012:role/failover-state-machine";
}
