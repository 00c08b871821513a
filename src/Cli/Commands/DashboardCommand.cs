using System.CommandLine;
using Failover.Cli.Dashboard;
using Failover.Cli.Input;

namespace Failover.Cli.Commands;

/// <summary>
/// <c>failover dashboard [--api URL] [--profile P] [--region R] [--port N]</c>: the service's web dashboard on
/// 127.0.0.1, its API calls signed with the user's AWS credentials (a deployment's API takes only SigV4-signed requests,
/// which a browser cannot make). Runs until Ctrl+C.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int?>("--port")
        {
            Description = "The loopback port to serve the dashboard on (default: a free one, printed)",
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 65535) result.AddError("--port must be between 1 and 65535");
        });
        var apiTarget = new ApiTargetOptions();
        var command = new Command("dashboard",
            "Serve the web dashboard of the service at --api on 127.0.0.1, signing its API calls; prints the URL to open")
        {
            port,
        };
        apiTarget.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var http = ApiTargetOptions.NewHttpClient();
            var api = apiTarget.Resolve(parse, http)
                ?? throw new CliUsageException(
                    $"the dashboard needs the service's API: give --api URL or set ${ApiTargetOptions.Variable}");
            await using var proxy = DashboardProxy.Start(api, parse.GetValue(port), console.Error);
            console.Out.WriteLine($"Dashboard of {api.BaseUrl} (requests signed: {(api.Signs ? "yes" : "no, a local API")}):");
            console.Out.WriteLine($"  {proxy.Access.StartUrl}");
            console.Out.WriteLine("Only a browser that opens this URL can use it (the token becomes a cookie). Ctrl+C to stop.");
            await console.Out.FlushAsync(CancellationToken.None);
            await proxy.RunAsync(cancellationToken);
            return CliApp.Ok;
        });
        return command;
    }
}
