using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Diagnostics;
using Failover.Core.Import;
using Failover.Core.Spec;
using Failover.Service.Import;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover import-traffic-policy POLICY.json --name N --zone-id Z --zone-name Z --record-name R [-o FILE]</c>: a Route 53
/// Traffic Flow policy document turned into a tree spec; or <c>--policy-id ID [--policy-version N]</c>: the policy version and
/// every policy record made from it, read from Route 53, as one tree whose attachments are the records' names.
/// </summary>
internal static class ImportTrafficPolicyCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string?>("POLICY")
        {
            Description = "Traffic policy document (JSON), or - to read stdin (not with --policy-id)", Arity = ArgumentArity.ZeroOrOne,
        };
        var name = new Option<string>("--name") { Description = "Name of the tree to create", Required = true };
        var zoneId = new Option<string?>("--zone-id") { Description = "Hosted zone id the tree lives in (with POLICY)" };
        var zoneName = new Option<string?>("--zone-name") { Description = "Name of that hosted zone, e.g. example.com (with POLICY)" };
        var recordName = new Option<string?>("--record-name")
        { Description = "The name the policy record answered for, e.g. www.example.com (with POLICY)" };
        var policyId = new Option<string?>("--policy-id")
        { Description = "Read the policy and its policy records from Route 53 instead: the traffic policy's id" };
        var policyVersion = new Option<int>("--policy-version")
        { Description = "The version of --policy-id to import", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--output", "-o") { Description = "Write the spec to this file instead of stdout" };
        var service = new ServiceOptions();
        var command = new Command("import-traffic-policy",
            "Convert a Route 53 Traffic Flow policy (a document, or a policy and its policy records) into a tree spec")
        {
            policy, name, zoneId, zoneName, recordName, policyId, policyVersion, output,
        };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var placed = new[] { parse.GetValue(zoneId), parse.GetValue(zoneName), parse.GetValue(recordName) };
            ImportResult result;
            if (parse.GetValue(policyId) is { } id)
            {
                if (parse.GetValue(policy) is not null || placed.Any(p => p is not null))
                    throw new CliUsageException("--policy-id reads the document and the names from Route 53: give no POLICY, " +
                        "--zone-id, --zone-name or --record-name with it");
                var version = parse.GetValue(policyVersion);
                var target = service.Resolve(parse);
                result = await AwsErrors.GuardAsync(() =>
                    new TrafficPolicyImport(target.Route53(), target.Route53()).ImportAsync(id, version, parse.GetValue(name)!,
                        cancellationToken));
            }
            else
            {
                if (parse.GetValue(policy) is not { } file || placed.Any(p => p is null))
                    throw new CliUsageException("give POLICY with --zone-id, --zone-name and --record-name, or --policy-id");
                var text = SpecInput.ReadText(file, console);
                result = TrafficPolicyImporter.Import(text,
                    new ImportOptions(parse.GetValue(name)!, placed[0]!, placed[1]!, placed[2]!));
            }
            SpecInput.Report(result.Diagnostics, "policy", console);
            if (result.Spec is null || result.Diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
            var json = SpecJsonWriter.Write(result.Spec);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, json + Environment.NewLine);
                if (result.Spec.HasAttachments || parse.GetValue(policyId) is not null)
                    console.Error.WriteLine($"{path}: tree '{result.Spec.Name}' answers for "
                        + string.Join(", ", result.Spec.AllAttachments.Select(a => a.ToString())));
            }
            else console.Out.WriteLine(json);
            return CliApp.Ok;
        });
        return command;
    }
}
