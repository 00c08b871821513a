using Failover.Bench;

return await BenchCommand.RunAsync(args);
