using System.CommandLine;
using Failover.Cli.Input;

namespace Failover.Cli.Commands;

/// <summary>The options every command that talks to AWS shares.</summary>
internal sealed class ServiceOptions
{
    public Option<string?> Endpoint { get; } = new("--endpoint")
    {
        Description = $"Where AWS calls go: a URL (default: $AWS_ENDPOINT_URL, else the local stack at {ServiceTarget.LocalStack}), or " +
            $"'aws' for the real endpoints",
    };
    public Option<string?> Table { get; } = new("--table") { Description = $"The progress table (default {ServiceTarget.DefaultTable})" };
    public Option<double?> Rate { get; } =
        new(
        "--rate") { Description =
        "Route 53 requests per second this command may make (default 5: the account-wide limit is shared with every tool)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Endpoint);
        command.Options.Add(Table);
        command.Options.Add(Rate);
    }

    public ServiceTarget Resolve(ParseResult parse) =>
        ServiceTarget.Resolve(parse.GetValue(Endpoint), parse.GetValue(Table), parse.GetValue(Rate));
}
