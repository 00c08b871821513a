using Failover.Aws.Clients;
using Failover.Service.Apply;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Diagram;
using Failover.Core.Spec;

namespace Failover.Local.Demo;

/// <summary>
/// <c>--apply SPEC</c>: once the stack is up, applies a tree to it — the main job of the service, on one machine.
/// The spec's hosted zone id is replaced by the local zone of the same name (the examples carry a placeholder id).
/// </summary>
public static class DemoApply
{
    public static async Task<int> RunAsync(LocalStack stack, string specPath, TextWriter output, CancellationToken cancellationToken)
    {
        specPath = Locate(specPath);
        if (!File.Exists(specPath))
        {
            await output.WriteLineAsync($"--apply: {specPath}: no such file");
            return 2;
        }
        var loaded = SpecLoader.Load(await File.ReadAllTextAsync(specPath, cancellationToken));
        foreach (var diagnostic in loaded.Diagnostics) await output.WriteLineAsync(diagnostic.ToString());
        if (loaded.HasErrors || loaded.Spec is not { } spec) return 1;
        if (stack.Resources is not { } resources || !resources.HostedZones.TryGetValue(spec.ZoneName, out var zoneId))
        {
            await output.WriteLineAsync($"--apply: the local stack has no zone {spec.ZoneName}; start it with --zone {spec.ZoneName}");
            return 1;
        }
        spec = spec with { HostedZoneId = zoneId.Split('/').Last() };

        var endpoint = stack.EdgeUrl;
        var credentials = new Amazon.Runtime.BasicAWSCredentials("local", "local");
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = endpoint }, credentials: credentials);
        var store =
            new ProgressStore(DynamoDbClientFactory.Create(endpoint, credentials: credentials), resources.ProgressTable,
            TimeProvider.System);
        var applier = new DirectApplier(route53, store, TimeProvider.System) { SyncPollInterval = TimeSpan.FromSeconds(0.5) };

        await output.WriteLineAsync($"applying tree '{spec.Name}' from {specPath} to zone {spec.ZoneName} ({spec.HostedZoneId})");
        DirectApplyResult result;
        try
        {
            result =
                await applier.ApplyAsync(spec, progress: p => output.WriteLine($"  [{p.Layer}] {p.Message}"),
                cancellationToken: cancellationToken);
        }
        catch (Exception refused) when (refused is ApplyRefusedException or Failover.Service.Ports.AwsServiceException)
        {
            await output.WriteLineAsync($"tree '{spec.Name}' was not applied: {refused.Message}");
            return 1;
        }
        await output.WriteLineAsync(result.Plan.IsEmpty
            ? $"tree '{spec.Name}': Route 53 already matches it"
            : $"tree '{spec.Name}' applied: {result.HealthChecksCreated} health check(s), {result.ChangeBatchesSubmitted} change " +
                $"batch(es), INSYNC");
        await output.WriteLineAsync(DiagramRenderer.Mermaid(spec));
        await output.WriteLineAsync($"  see it: aws --endpoint-url {endpoint.ToString().TrimEnd('/')} route53 list-resource-record-sets " +
            $"--hosted-zone-id {spec.HostedZoneId}");
        return 0;
    }

    /// <summary>
    /// A relative path as given, else found from a parent folder: <c>dotnet run --project src/Local</c> may start the
    /// stack in the project's folder rather than where the user typed the command.
    /// </summary>
    private static string Locate(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return path;
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, path))) return Path.Combine(dir.FullName, path);
        return path;
    }
}
