using Failover.Cli;

return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error,
    interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected);
