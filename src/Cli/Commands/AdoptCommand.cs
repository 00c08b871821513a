using System.CommandLine;
using Failover.Cli.Api;
using Failover.Cli.Input;
using Failover.Core.Adoption;
using Failover.Core.Contracts;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Service.Adoption;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover adopt --zone ID --name NAME [--tree T] [--type T] [-o SPEC]</c>: reads the records a zone holds at a name,
/// following aliases inside the zone, and writes the tree they form as a spec. Reads only; applying the spec takes the
/// records and health checks over in place (an empty plan), and refuses if anything changed in between. Through the
/// service with <c>--api</c> (<c>POST /adoptions</c>, a dry run).
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
        var apiTarget = new ApiTargetOptions();
        var command = new Command("adopt", "Turn the records a zone already holds at a name into a tree spec that takes them over")
        {
            zone, name, tree, type, output,
        };
        service.AddTo(command);
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var recordName = DnsNames.Normalize(parse.GetValue(name)!);
            var treeName = parse.GetValue(tree) ?? AdoptionRequest.TreeNameFor(recordName);
            using var http = ApiTargetOptions.NewHttpClient();
            Adopted adopted;
            if (apiTarget.Resolve(parse, http) is { } api)
            {
                var resource = await new ApiCommands(api, console).AdoptAsync(new AdoptionRequestDocument
                {
                    HostedZoneId = parse.GetValue(zone), RecordName = recordName, RecordType = parse.GetValue(type), Tree = treeName,
                }, cancellationToken);
                foreach (var warning in resource.Warnings ?? []) console.Error.WriteLine($"warning: {warning.Message}");
                adopted = new Adopted(resource.Spec.Text, resource.Records.Count, resource.HealthChecks.Count);
            }
            else
            {
                var request = new AdoptionRequest(treeName, recordName, parse.GetValue(type));
                var target = service.Resolve(parse);
                var result = await AwsErrors.GuardAsync(() =>
                    new ZoneAdoption(target.Route53(), target.Progress()).AdoptAsync(parse.GetValue(zone)!, request, cancellationToken));
                foreach (var warning in result.Warnings) console.Error.WriteLine($"warning: {warning}");
                foreach (var error in result.Errors) console.Error.WriteLine(error.ToString());
                if (result.Spec is not { } found) return CliApp.Invalid;
                adopted = new Adopted(SpecJsonWriter.Write(found), result.Records.Count, found.Adopt?.HealthChecks.Count ?? 0);
            }
            var loaded = SpecLoader.Load(adopted.SpecJson);
            SpecInput.Report(loaded.Diagnostics, "adopted spec", console);
            if (loaded.Spec is not { } spec || loaded.Diagnostics.Any(d => d.Severity == Severity.Error)) return CliApp.Invalid;
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, adopted.SpecJson);
                console.Error.WriteLine($"{file}: tree '{spec.Name}' adopted from {spec.RecordName} {spec.RecordType}: " +
                    $"{adopted.Records} record set(s), {adopted.HealthChecks} health check(s) to take over");
            }
            else console.Out.Write(adopted.SpecJson);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The adopted spec's text and what it takes over, from the service or from the zone directly.</summary>
    private sealed record Adopted(string SpecJson, int Records, int HealthChecks);
}
