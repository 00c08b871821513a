using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Diagnostics;
using Failover.Core.Import;
using Failover.Core.Spec;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover import-traffic-policy POLICY.json --name N --zone-id Z --zone-name Z --record-name R [-o FILE]</c>:
/// a Route 53 Traffic Flow policy document turned into a tree spec.
/// </summary>
internal static class ImportTrafficPolicyCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("POLICY") { Description = "Traffic policy document (JSON), or - to read stdin" };
        var name = Required("--name", "Name of the tree to create");
        var zoneId = Required("--zone-id", "Hosted zone id the tree lives in");
        var zoneName = Required("--zone-name", "Name of that hosted zone (e.g. example.com)");
        var recordName = Required("--record-name", "The name the policy record answered for (e.g. www.example.com)");
        var output = new Option<string?>("--output", "-o") { Description = "Write the spec to this file instead of stdout" };
        var command = new Command("import-traffic-policy", "Convert a Route 53 Traffic Flow policy document into a tree spec")
        {
            policy, name, zoneId, zoneName, recordName, output,
        };
        command.SetAction(parse =>
        {
            var text = SpecInput.ReadText(parse.GetValue(policy)!, console);
            var options =
                new ImportOptions(parse.GetValue(name)!, parse.GetValue(zoneId)!, parse.GetValue(zoneName)!, parse.GetValue(recordName)!);
            var result = TrafficPolicyImporter.Import(text, options);
            SpecInput.Report(result.Diagnostics, "policy", console);
            if (result.Spec is null || result.Diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
            var json = SpecJsonWriter.Write(result.Spec);
            if (parse.GetValue(output) is { } file) File.WriteAllText(file, json + Environment.NewLine);
            else console.Out.WriteLine(json);
            return CliApp.Ok;
        });
        return command;
    }

    private static Option<string> Required(string alias, string description) => new(alias) { Description = description, Required = true };
}
