namespace Failover.Core.Import;

/// <summary>Turns a Route 53 Traffic Flow policy document into a tree spec.</summary>
public static class TrafficPolicyImporter
{
}
