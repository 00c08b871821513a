using Amazon.DynamoDBv2;
using Amazon.SQS;
using Failover.Local.Aws;

namespace Failover.Local.Resources;

/// <summary>Creates the service's resources in moto as the template would, idempotently.</summary>
public static class LocalResources
{
    /// <param name="edgeUrl">Where DynamoDB, SQS and Step Functions are called, so queue URLs name the edge.</param>
    /// <param name="motoUrl">Where Route 53 is called: straight to moto, so start-up neither counts nor throttles.</param>
    public static async Task<ProvisionedResources> EnsureAsync(
        Uri edgeUrl, Uri motoUrl, IReadOnlyList<string> zones, string? stateMachineDirectory, CancellationToken cancellationToken,
        IReadOnlyList<string>? privateZones = null)
    {
        using var dynamo = new AmazonDynamoDBClient(LocalAccount.Credentials,
            new AmazonDynamoDBConfig { ServiceURL = edgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        using var sqs = new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = edgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        using var route53 = SignedHttp.Create("route53", motoUrl);
        using var states = SignedHttp.Create("states", edgeUrl);

        var table = await ProgressTableSetup.EnsureAsync(dynamo, LocalResourceNames.ProgressTable, cancellationToken);
        var queues = await DriftQueueSetup.EnsureAsync(sqs, cancellationToken);
        var stateMachines = await StateMachineSetup.EnsureAsync(
            states, stateMachineDirectory, new ProvisionedResourcesView(table, queues.Url), cancellationToken);
        var hostedZones = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var zone in zones)
            hostedZones[zone.TrimEnd('.').ToLowerInvariant()] = await HostedZoneSetup.EnsureAsync(route53, zone, cancellationToken);
        var privateHostedZones = new SortedDictionary<string, string>(StringComparer.Ordinal);
        LocalVpc? vpc = null;
        if (privateZones is { Count: > 0 })
        {
            using var ec2 = SignedHttp.Create("ec2", motoUrl);
            vpc = await LocalVpc.EnsureAsync(ec2, cancellationToken);
            foreach (var zone in privateZones)
                privateHostedZones[zone.TrimEnd('.').ToLowerInvariant()] =
                    await HostedZoneSetup.EnsureAsync(route53, zone, cancellationToken, vpc);
        }

        return new ProvisionedResources
        {
            ProgressTable = table,
            DriftQueueUrl = queues.Url,
            DriftQueueArn = queues.Arn,
            DriftDeadLetterQueueUrl = queues.DeadLetterUrl,
            DriftDeadLetterQueueArn = queues.DeadLetterArn,
            StateMachines = stateMachines,
            HostedZones = hostedZones,
            PrivateHostedZones = privateHostedZones,
            Vpc = vpc,
        };
    }

    /// <summary>src/StateMachine of the repository around <paramref name="start"/> (searching upwards), if any.</summary>
    public static string? FindStateMachineDirectory(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "StateMachine");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
