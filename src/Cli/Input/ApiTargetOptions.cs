using System.CommandLine;

namespace Failover.Cli.Input;

/// <summary>
/// <c>--api URL</c> (default <c>$FAILOVER_API_URL</c>, else the selected context of the config file, see
/// <see cref="CliContexts"/>), <c>--profile</c>, <c>--region</c>, <c>--context</c>: the deployed service's HTTP API,
/// which every command that reads or changes trees can go through with only <c>execute-api:Invoke</c>. Without a URL
/// the command calls AWS directly (the local stack by default), as a debugging path.
/// </summary>
internal sealed class ApiTargetOptions
{
    public const string Variable = "FAILOVER_API_URL";

    public Option<string?> Api { get; } = new("--api")
    {
        Description = $"The service's HTTP API (default ${Variable}), e.g. https://ID.execute-api.REGION.amazonaws.com or the local " +
            "stack's http://127.0.0.1:3000: the command goes through it, SigV4-signed for a deployment",
    };
    public Option<string?> Profile { get; } = new("--profile") { Description = "The AWS profile whose credentials sign API requests" };
    public Option<string?> Region { get; } =
        new("--region") { Description = "The API's region, when its URL does not say (a custom domain)" };
    public Option<string?> Context { get; } = new("--context")
    {
        Description = $"A named context of the config file (default ${CliContexts.ContextVariable}, else its current one): " +
            "the API URL, profile and region to use when no flag or variable gives them",
    };

    private bool _hasRegion;

    /// <param name="region">False on a command whose own <c>--region</c> means something else (simulate's resolver): the
    /// API's region then comes from its URL or the SDK's region resolution.</param>
    public void AddTo(Command command, bool region = true)
    {
        command.Options.Add(Api);
        command.Options.Add(Profile);
        command.Options.Add(Context);
        if (region) command.Options.Add(Region);
        _hasRegion = region;
    }

    /// <summary>The API the user named, or null to call AWS directly.</summary>
    public ServiceApi? Resolve(ParseResult parse, HttpClient http)
    {
        var url = parse.GetValue(Api) ?? NonEmpty(Environment.GetEnvironmentVariable(Variable));
        // A context is one deployment: it is used only when no flag or variable names the API, and then its profile and
        // region come with it (a flag still wins over each).
        var context = url is null ? CliContexts.Selected(parse.GetValue(Context)) : null;
        url ??= context?.Api;
        return string.IsNullOrWhiteSpace(url)
            ? null
            : ServiceApi.Create(url, http, parse.GetValue(Profile) ?? context?.Profile,
                (_hasRegion ? parse.GetValue(Region) : null) ?? context?.Region);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>One client for the command's calls: a deployment answers in seconds, a dry run of a big tree in tens.</summary>
    public static HttpClient NewHttpClient() => new() { Timeout = TimeSpan.FromSeconds(100) };
}
