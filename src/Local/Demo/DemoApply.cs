using Failover.Core.Contracts;
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
        foreach (var diagnostic in loaded.Diagnostics) await output.WriteLineAsync(diagnostic.ToString());
        if (loaded.HasErrors || loaded.Spec is not { } spec) return 1;
        if (stack.Resources is not { } resources || !resources.HostedZones.TryGetValue(spec.ZoneName, out var zoneId))
        {
            await output.WriteLineAsync($"--apply: the local stack has no zone {spec.ZoneName}; start it with --zone {spec.ZoneName}");
            return 1;
        }
        spec = spec with { HostedZoneId = zoneId.Split('/').Last() };

        // Through the service, as a user's POST /trees goes: the run is a Step Functions execution of the state
        // machine, and the dashboard shows the tree, the run and its nodes while it goes.
        using var http = new HttpClient { BaseAddress = stack.ApiUrl, Timeout = TimeSpan.FromSeconds(100) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/trees")
        {
            Content = new StringContent(SpecJsonWriter.WriteCompact(spec), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Failover-Client", "local-apply");
        using var answer = await http.SendAsync(request, cancellationToken);
        var body = await answer.Content.ReadAsStringAsync(cancellationToken);
        if ((int)answer.StatusCode != 202)
        {
            await output.WriteLineAsync($"tree '{spec.Name}' was not applied: the API answered {(int)answer.StatusCode}: {body}");
            return 1;
        }
        var run = WireJson.Read<RunAcceptedResource>(body, "a started run", "not an object");
        var dashboard = new Uri(stack.ApiUrl, "/#/trees/" + Uri.EscapeDataString(spec.Name));
        await output.WriteLineAsync($"applying tree '{spec.Name}' version {run.Version} from {specPath} to zone {spec.ZoneName} " +
            $"({spec.HostedZoneId}): run {run.RunId}");
        await output.WriteLineAsync($"  watch it: {dashboard}");

        var ended = await FollowAsync(http, run.RunId, output, cancellationToken);
        if (ended.Status != "SUCCEEDED")
        {
            await output.WriteLineAsync($"tree '{spec.Name}': run {run.RunId} {ended.Status}: {ended.Error}");
            return 1;
        }
        await output.WriteLineAsync($"tree '{spec.Name}': run {run.RunId} SUCCEEDED, {ended.Nodes.Count} node(s)");
        await output.WriteLineAsync(DiagramRenderer.Mermaid(spec));
        await output.WriteLineAsync($"  see it: {dashboard}, or aws --endpoint-url {stack.EdgeUrl.ToString().TrimEnd('/')} route53 " +
            $"list-resource-record-sets --hosted-zone-id {spec.HostedZoneId}");
        return 0;
    }

    /// <summary>Reads the run until it ends, with a line per layer as its nodes finish.</summary>
    private static async Task<RunResource> FollowAsync(
        HttpClient http, string runId, TextWriter output, CancellationToken cancellationToken)
    {
        var layersDone = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var text = await http.GetStringAsync("/runs/" + Uri.EscapeDataString(runId), cancellationToken);
            var run = WireJson.Read<RunResource>(text, "a run", "not an object");
            foreach (var layer in run.Nodes.Where(n => n.Layer is not null).GroupBy(n => n.Layer!))
                if (layer.All(n => n.Status is "DONE" or "DELETED") && layersDone.Add(layer.Key))
                    await output.WriteLineAsync($"  [{layer.Key}] {layer.Count()} node(s) done");
            if (run.Status != "RUNNING") return run;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
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
