using Failover.Cli;
using Failover.Core.Diagram;
using Failover.Core.Spec;

namespace Failover.Local.Demo;

/// <summary>
/// <c>--apply SPEC</c>: once the stack is up, applies a tree to it through the service — <c>POST /trees</c> on the local
/// API, a workflow run, followed to its end — the main job of the service, on one machine; the dashboard shows it.
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
        // Warnings are the apply's to print (it loads the spec as the CLI does); errors stop here, before the API.
        if (loaded.HasErrors)
            foreach (var diagnostic in loaded.Diagnostics) await output.WriteLineAsync(diagnostic.ToString());
        if (loaded.HasErrors || loaded.Spec is not { } spec) return 1;
        if (stack.Resources is not { } resources || !resources.HostedZones.TryGetValue(spec.ZoneName, out var zoneId))
        {
            await output.WriteLineAsync($"--apply: the local stack has no zone {spec.ZoneName}; start it with --zone {spec.ZoneName}");
            return 1;
        }
        spec = spec with { HostedZoneId = zoneId.Split('/').Last() };

        // Through the service, as `failover apply --api` goes: the dry run's plan, POST /trees, then the run — a Step
        // Functions execution of the state machine — followed node by node while the dashboard shows it.
        var dashboard = new Uri(stack.ApiUrl, "/#/trees/" + Uri.EscapeDataString(spec.Name));
        await output.WriteLineAsync($"applying tree '{spec.Name}' from {specPath} to zone {spec.ZoneName} ({spec.HostedZoneId}) " +
            $"through the local API; watch it: {dashboard}");
        var code = await CliApp.RunAsync(["apply", "-", "--api", stack.ApiUrl.ToString(), "--yes"],
            new StringReader(SpecJsonWriter.WriteCompact(spec)), output, output);
        if (code != CliApp.Ok) return code;
        await output.WriteLineAsync(DiagramRenderer.Mermaid(spec));
        await output.WriteLineAsync($"  see it: {dashboard}, or aws --endpoint-url {stack.EdgeUrl.ToString().TrimEnd('/')} route53 " +
            $"list-resource-record-sets --hosted-zone-id {spec.HostedZoneId}");
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
