using System.CommandLine;
using System.Globalization;
using System.Text;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Contracts;
using Failover.Core.Spec;
using Failover.Service.Adapters;
using Failover.Service.Health;
using Failover.Service.Progress;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover health NAME [--json]</c>: what Route 53's checkers observe now for each health-checked endpoint of the
/// tree's applied version — healthy, unhealthy or unknown, and how many checkers say healthy. Through the service with
/// <c>--api</c> (<c>GET /trees/NAME/health</c>); directly, the same reads (one GetHealthCheckStatus call per check).
/// </summary>
internal static class HealthCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (what GET /trees/{name}/health answers)" };
        var service = new ServiceOptions();
        var apiTarget = new ApiTargetOptions();
        var command = new Command("health", "Show what Route 53's health checkers observe now for each endpoint of an applied tree")
        {
            name, json,
        };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tree = parse.GetValue(name)!;
            using var http = ApiTargetOptions.NewHttpClient();
            var report = apiTarget.Resolve(parse, http) is { } api
                ? await new ApiCommands(api, console).HealthAsync(tree, cancellationToken)
                : await AwsErrors.GuardAsync(() => ReadAsync(service.Resolve(parse), tree, cancellationToken));
            console.Out.Write(parse.GetValue(json) ? WireJson.Write(report) + Environment.NewLine : Text(report));
            return CliApp.Ok;
        });
        return command;
    }

    private static async Task<TreeHealthResource> ReadAsync(ServiceTarget target, string name, CancellationToken cancellationToken)
    {
        var store = target.Progress();
        var tree = await store.GetTreeAsync(name, cancellationToken) ?? throw new CliFailureException($"no tree is called '{name}'");
        if (tree.Status == TreeStatus.Deleted) throw new CliFailureException($"tree '{name}' was torn down: it has no health checks");
        if (tree.CurrentVersion is not { } version)
            throw new CliFailureException($"tree '{name}' has no applied version yet: it has no health checks");
        var stored = await store.GetVersionAsync(name, version, cancellationToken)
            ?? throw new CliFailureException($"tree '{name}' has no stored version {version}");
        var spec = SpecLoader.LoadStored(stored.SpecJson).Spec
            ?? throw new CliFailureException($"version {version} of tree '{name}' no longer loads");
        var checks = await new Route53HealthStatuses(target.Route53()).ReadAsync(spec, cancellationToken);
        return TreeHealthReport.Of(name, version, TimeProvider.System.GetUtcNow(), checks);
    }

    internal static string Text(TreeHealthResource report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"tree {report.Tree}, version {report.Version}, observed {report.ObservedAt}");
        if (report.Nodes.Count == 0) return text.AppendLine("  no endpoint has a health check").ToString();
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"node",-24} {"health check",-38} {"health",-10} checkers healthy");
        foreach (var node in report.Nodes)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {node.NodeId,-24} {node.HealthCheckId,-38} {node.Health,-10} {node.HealthyCheckers}/{node.Checkers}");
        return text.ToString();
    }
}
