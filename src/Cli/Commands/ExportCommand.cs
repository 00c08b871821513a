using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Compilation;
using Failover.Core.Export;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Progress;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover export NAME --format terraform [-o FILE]</c>: hands an applied tree to Terraform — its records and health
/// checks as they are in Route 53, with <c>import</c> blocks for their live ids, so the hand-over changes nothing.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The tree's name" };
        var format = new Option<string>("--format")
        {
            Description = "terraform: aws_route53_record and aws_route53_health_check resources with import blocks",
            DefaultValueFactory = _ => "terraform",
        };
        format.AcceptOnlyFromAmong("terraform");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout" };
        var service = new ServiceOptions();
        var command = new Command("export", "Write an applied tree's records and health checks as Terraform, with import blocks")
        {
            name, format, output,
        };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = await AwsErrors.GuardAsync(() => ExportAsync(service.Resolve(parse), parse.GetValue(name)!, cancellationToken));
            if (parse.GetValue(output) is { } file) File.WriteAllText(file, text);
            else console.Out.Write(text);
            return CliApp.Ok;
        });
        return command;
    }

    private static async Task<string> ExportAsync(ServiceTarget target, string name, CancellationToken cancellationToken)
    {
        var store = target.Progress();
        var tree = await store.GetTreeAsync(name, cancellationToken) ?? throw new CliFailureException($"no tree is called '{name}'");
        if (tree.Status == TreeStatus.Deleted || tree.CurrentVersion is not { } version)
            throw new CliFailureException($"tree '{name}' has no applied version to export");
        var stored = await store.GetVersionAsync(name, version, cancellationToken)
            ?? throw new CliFailureException($"tree '{name}' has no stored version {version}");
        var spec = SpecLoader.LoadStored(stored.SpecJson).Spec
            ?? throw new CliFailureException($"version {version} of tree '{name}' no longer loads");
        var owned = await store.GetOwnedRecordsAsync(name, cancellationToken);
        var route53 = target.Route53();
        var actual = await new ActualStateReader(route53).ReadAsync(TreeCompiler.Compile(spec), owned, cancellationToken);
        var records = actual.Records.Where(r => actual.OwnedRecords.Contains(r.Key)).ToList();
        // Refused whole, before anything is written: a file without some records would have Terraform delete them.
        if (TerraformExport.Refusals(records) is { Count: > 0 } refused)
            throw new CliFailureException($"tree '{name}' cannot be exported to Terraform: {string.Join("; ", refused)}");
        var ownedChecks = actual.HealthChecks.Where(h => h.TreeTag == name).ToList();
        var tags = new Dictionary<string, IReadOnlyList<Failover.Service.Ports.Route53.ResourceTag>>(StringComparer.Ordinal);
        // ListTagsForResources takes ten ids a request.
        foreach (var chunk in ownedChecks.Chunk(Failover.Service.Ports.Route53.IHealthChecks.MaxTagResources))
            foreach (var (id, set) in await route53.ListTagsForResourcesAsync(chunk.Select(c => c.Id).ToList(),
                         cancellationToken: cancellationToken))
                tags[id] = set;
        // The tree and node tags are this service's bookkeeping, which `failover release` removes: Terraform is handed the
        // user's tags only, so its plan after the release has nothing to change.
        var checks = ownedChecks.Select(c => new ExportedHealthCheck(c.Id, c.NodeTag, c.Config,
            (tags.GetValueOrDefault(c.Id) ?? []).Where(t => t.Key is not (HealthCheckTags.Tree or HealthCheckTags.Node))
                .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal))).ToList();
        return TerraformExport.Write(name, spec.HostedZoneId, records, checks);
    }
}
