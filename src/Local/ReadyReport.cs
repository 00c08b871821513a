using System.Globalization;
using Failover.Local.Edge;
using Failover.Local.Realism;

namespace Failover.Local;

/// <summary>The lines printed when the stack is ready: where everything is, and what the realism layer does.</summary>
public static class ReadyReport
{
    public static string For(LocalStack stack)
    {
        var edge = stack.EdgeUrl.ToString().TrimEnd('/');
        var lines = new List<string>
        {
            "failover local stack ready",
            $"  edge        {edge}   (AWS_ENDPOINT_URL; Lambda Invoke for: {string.Join(", ", stack.Functions.Names)}; everything else → " +
                $"moto)",
            $"  moto        {stack.MotoUrl.ToString().TrimEnd('/')}" + (stack.OwnsMoto
                ? ""
                : $"   (external: its Step Functions reach our functions only if it runs with MOTO_PORT={stack.EdgeUrl.Port})"),
            $"  api         {stack.ApiUrl.ToString().TrimEnd('/')}   (HTTP API → the {Api.ApiGatewayServer.FunctionName} function; no " +
                $"IAM auth locally)",
            $"  health      {edge}{LocalControlEndpoints.HealthPath}",
            $"  realism     {Describe(stack.Realism.Current)}",
            $"              settings {edge}{LocalControlEndpoints.RealismPath}, counters {edge}{LocalControlEndpoints.RealismStatsPath}",
        };
        if (stack.Resources is { } resources)
        {
            lines.Add($"  table       {resources.ProgressTable}");
            lines.Add($"  queue       {resources.DriftQueueUrl}");
            lines.Add($"  dead letter {resources.DriftDeadLetterQueueUrl}");
            if (stack.Drift is { } drift)
                lines.Add($"  drift       schedule " +
                    $"{(drift.Schedule.Interval is { } every ? $"every {every.TotalMinutes:0.##} min" : "off")}; "
                    + $"fire now: curl -X POST {edge}{Drift.DriftScheduleEndpoint.Path}; queue → DriftWorker " +
                        $"{(drift.Poller is null ? "off" : "on")}");
            lines.AddRange(resources.StateMachines.Count == 0
                ? ["  state machines: none (no *.asl.json in src/StateMachine yet)"]
                : resources.StateMachines.Select(machine => $"  state machine {machine.Value}"));
            lines.AddRange(resources.HostedZones.Select(zone => $"  zone        {zone.Key}  /hostedzone/{zone.Value}"));
            lines.AddRange(resources.PrivateHostedZones.Select(zone =>
                $"  zone        {zone.Key}  /hostedzone/{zone.Value}  private, in {resources.Vpc?.Id}"));
        }
        lines.Add($"  try: AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing aws --region us-east-1 --endpoint-url {edge} route53 " +
            $"list-hosted-zones");
        lines.Add("Ctrl+C stops the stack (and moto).");
        return string.Join(Environment.NewLine, lines);
    }

    public static string Describe(RealismSettings settings)
    {
        if (!settings.Enabled) return "off (Route 53 calls go to moto untouched)";
        var checks = new List<string>();
        if (settings.AliasTargetsMustExist) checks.Add("alias targets");
        if (settings.OneRoutingPolicyPerName) checks.Add("one routing policy per name");
        if (settings.NoTtlOnAliases) checks.Add("no TTL on aliases");
        if (settings.UniqueRecordSets) checks.Add("record set existence");
        if (settings.HealthCheckIdempotency) checks.Add("CallerReference idempotency");
        var rate = settings.RateLimit.Enabled
            ? string.Create(CultureInfo.InvariantCulture, $"{settings.RateLimit.PerSecond}/s burst {settings.RateLimit.Burst}")
            : "unlimited";
        if (settings.OperationLimits.Enabled && settings.OperationLimits.Limits.GetValueOrDefault("CreateHealthCheck") is { } creates)
            rate += string.Create(CultureInfo.InvariantCulture, $" and per operation (CreateHealthCheck {creates.PerSecond}/s, …)");
        var faults = settings.Faults.Rate > 0
            ? string.Create(
                CultureInfo.InvariantCulture, $"{settings.Faults.Rate:0.###} of requests ({string.Join(", ", settings.Faults.Kinds)}, " +
                    $"seed {settings.Faults.Seed})")
            : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"checks: {(checks.Count == 0 ? "none" : string.Join(", ", checks))}; PENDING {settings.ChangePendingFor.TotalSeconds:0.###} " +
                $"s; rate {rate}; faults {faults}");
    }
}
