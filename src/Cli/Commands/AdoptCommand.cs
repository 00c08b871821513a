using System.CommandLine;
using Failover.Cli.Input;
using Failover.Core.Adoption;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Service.Adoption;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover adopt --zone ID --name NAME [--tree T] [--type T] [-o SPEC]</c>: reads the records a zone holds at a name,
/// following aliases inside the zone, and writes the tree they form as a spec. Reads only; applying the spec takes the
/// records and health checks over in place (an empty plan), and refuses if anything changed in between.
/// </summary>
internal static class AdoptCommand
{
    public static Command Create(CliConsole console)
    {
        var zone = new Option<string>("--zone") { Description = "The hosted zone id", Required = true };
        var name = new Option<string>("--name") { Description = "The record name to adopt (e.g. www.example.com)", Required = true };
        var tree = new Option<string?>("--tree") { Description = "The tree's name (default: the record name's first label)" };
        var type = new Option<string?>("--type") { Description = "The record type, when the name holds several" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the spec to this file instead of stdout" };
        var service = new ServiceOptions();
        var command = new Command("adopt", "Turn the records a zone already holds at a name into a tree spec that takes them over")
        {
            zone, name, tree, type, output,
        };
        service.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var recordName = DnsNames.Normalize(parse.GetValue(name)!);
            var request = new AdoptionRequest(parse.GetValue(tree) ?? TreeNameOf(recordName), recordName, parse.GetValue(type));
            var target = service.Resolve(parse);
            var result = await AwsErrors.GuardAsync(() =>
                new ZoneAdoption(target.Route53(), target.Progress()).AdoptAsync(parse.GetValue(zone)!, request, cancellationToken));
            foreach (var warning in result.Warnings) console.Error.WriteLine($"warning: {warning}");
            foreach (var error in result.Errors) console.Error.WriteLine(error.ToString());
            if (result.Spec is not { } spec) return CliApp.Invalid;
            var diagnostics = SpecLoader.Load(SpecJsonWriter.Write(spec)).Diagnostics;
            SpecInput.Report(diagnostics, "adopted spec", console);
            if (diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
            var json = SpecJsonWriter.Write(spec);
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, json);
                console.Error.WriteLine($"{file}: tree '{spec.Name}' adopted from {spec.RecordName} {spec.RecordType}: " +
                    $"{result.Records.Count} record set(s), {spec.Adopt?.HealthChecks.Count ?? 0} health check(s) to take over");
            }
            else console.Out.Write(json);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>A tree name from the record name: its first label, as a tree name may spell it.</summary>
    private static string TreeNameOf(string recordName)
    {
        var label = recordName.Split('.')[0];
        var name = new string(label.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').ToArray()).TrimStart('-', '_');
        return name.Length == 0 ? "adopted" : name[..Math.Min(name.Length, 64)];
    }
}
