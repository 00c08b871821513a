using System.CommandLine;
using Failover.Cli.Input;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover context list | use NAME | set NAME --api URL [--profile P] [--region R]</c>: the named deployments of the
/// config file (<see cref="CliContexts"/>), which commands reach when no <c>--api</c> or <c>FAILOVER_API_URL</c> is given.
/// </summary>
internal static class ContextCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("context", "Named deployments (API URL, profile, region) in the CLI's config file");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Use(console));
        command.Subcommands.Add(Set(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var list = new Command("list", "The contexts, the current one marked with *");
        list.SetAction(_ =>
        {
            var path = CliContexts.FilePath();
            var config = CliContexts.Load(path);
            if (config.Contexts.Count == 0)
                console.Out.WriteLine($"no contexts in {path}; add one with 'failover context set NAME --api URL'");
            foreach (var (name, context) in config.Contexts.OrderBy(c => c.Key, StringComparer.Ordinal))
                console.Out.WriteLine($"{(name == config.Current ? "*" : " ")} {name,-16} {context.Api ?? "-"}" +
                    (context.Profile is null ? "" : " profile " + context.Profile) +
                    (context.Region is null ? "" : " region " + context.Region));
            return CliApp.Ok;
        });
        return list;
    }

    private static Command Use(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The context to make current" };
        var use = new Command("use", "Make a context the current one") { name };
        use.SetAction(parse =>
        {
            var path = CliContexts.FilePath();
            var config = CliContexts.Load(path);
            var chosen = parse.GetValue(name)!;
            if (!config.Contexts.ContainsKey(chosen))
                throw new CliUsageException(
                    $"{path}: no context is called '{chosen}'; add it with 'failover context set {chosen} --api URL'");
            CliContexts.Save(path, config with { Current = chosen });
            console.Out.WriteLine($"current context: {chosen} ({path})");
            return CliApp.Ok;
        });
        return use;
    }

    private static Command Set(CliConsole console)
    {
        var name = new Argument<string>("NAME") { Description = "The context to add or change" };
        var api = new Option<string>("--api") { Description = "The service's HTTP API URL", Required = true };
        var profile = new Option<string?>("--profile") { Description = "The AWS profile whose credentials sign its requests" };
        var region = new Option<string?>("--region") { Description = "The API's region, when its URL does not say" };
        var set = new Command("set", "Add or change a context; the first one becomes current") { name, api, profile, region };
        set.SetAction(parse =>
        {
            var url = parse.GetValue(api)!;
            if (!(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                throw new CliUsageException($"--api must be the service's http(s) URL; it is '{url}'");
            var path = CliContexts.FilePath();
            var config = CliContexts.Load(path);
            var chosen = parse.GetValue(name)!;
            config.Contexts[chosen] = new CliContext { Api = url, Profile = parse.GetValue(profile), Region = parse.GetValue(region) };
            CliContexts.Save(path, config with { Current = config.Current ?? chosen });
            console.Out.WriteLine($"context {chosen} saved in {path}{(config.Current is null ? " (current)" : "")}");
            return CliApp.Ok;
        });
        return set;
    }
}
