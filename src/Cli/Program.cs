using Failover.Cli;

// A run's progress is redrawn in place only where a person watches it: stderr a terminal that can move the cursor.
var liveProgress = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");
return await CliApp.RunAsync(args, Console.In, Console.Out, Console.Error,
    interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected, liveProgress: liveProgress);
