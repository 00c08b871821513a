using Failover.Functions;
using Failover.Functions.Hosting;
using Failover.Functions.Hosting.RuntimeApi;

// The deployable `bootstrap` of every function (Lambda custom runtime, provided.al2023); _HANDLER picks the handler.
switch (args)
{
    case []:
        return await LambdaBootstrap.RunAsync(
            RuntimeSettings.FromEnvironment(Environment.GetEnvironmentVariable),
            () => FunctionCatalog.Build(
                new EnvironmentFunctionServices(Environment.GetEnvironmentVariable),
                HostingOptions.FromEnvironment(Environment.GetEnvironmentVariable)),
            CancellationToken.None);

    case ["--list-handlers"]:
        var table = FunctionCatalog.Build(new EnvironmentFunctionServices(Environment.GetEnvironmentVariable));
        foreach (var name in table.Names) Console.Out.WriteLine(name);
        return 0;

    default:
        Console.Error.WriteLine(
            "usage: bootstrap                  run as a Lambda custom runtime (needs AWS_LAMBDA_RUNTIME_API and _HANDLER)");
        Console.Error.WriteLine("       bootstrap --list-handlers  print the handler names, one a line");
        return 2;
}
