using System.CommandLine;
using Failover.Local.Realism;

namespace Failover.Local;

/// <summary>The command line of <c>failover-local</c>: every option maps onto <see cref="LocalStackOptions"/>.</summary>
public static class LocalStackCommandLine
{
    private static readonly Option<int> EdgePort = new("--edge-port")
    { Description = "Loopback port of the AWS edge endpoint (0: any free port)",
        DefaultValueFactory = _ => LocalStackOptions.DefaultEdgePort };
    private static readonly Option<int> ApiPort = new("--api-port")
    { Description = "Loopback port of the HTTP API (API Gateway emulation; 0: any free port)",
        DefaultValueFactory = _ => Api.ApiGatewayServer.DefaultPort };
    private static readonly Option<bool> RequireSignature = new("--require-signature")
    { Description = "The HTTP API refuses requests not SigV4-signed for execute-api with the local credentials (testing/testing)" };
    private static readonly Option<string?> MotoUrl = new("--moto-url")
    { Description = "Use a moto already running at this URL instead of starting moto_server" };
    private static readonly Option<string[]> Zones = new("--zone")
    { Description = "Public hosted zone to create (repeatable; default example.com)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> PrivateZones = new("--private-zone")
    { Description = "Private hosted zone to create, associated with moto's default VPC (repeatable; may share a --zone's name)",
        AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> NoResources = new("--no-resources")
    { Description = "Create no table, queues, state machines or zones" };
    private static readonly Option<string?> StateMachines = new("--state-machines")
    { Description = "Directory of *.asl.json definitions (default: src/StateMachine of this repository)" };
    private static readonly Option<bool> NoRealism = new("--no-realism")
    { Description = "Pass Route 53 calls to moto untouched" };
    private static readonly Option<bool> NoAliasTargetCheck = new("--no-alias-target-check")
    { Description = "Allow aliases whose target does not exist" };
    private static readonly Option<bool> NoRoutingPolicyCheck = new("--no-routing-policy-check")
    { Description = "Allow mixed routing policies in one name and type" };
    private static readonly Option<bool> NoAliasTtlCheck = new("--no-alias-ttl-check")
    { Description = "Allow a TTL on alias records" };
    private static readonly Option<bool> NoRecordSetCheck = new("--no-record-set-check")
    { Description = "Allow CREATE of existing record sets and DELETE of missing or changed ones" };
    private static readonly Option<bool> NoHealthCheckIdempotency = new("--no-health-check-idempotency")
    { Description = "Let CreateHealthCheck ignore its CallerReference (moto's behaviour)" };
    private static readonly Option<double> ChangePending = new("--change-pending")
    { Description = "Seconds a change answers PENDING to GetChange before INSYNC", DefaultValueFactory = _ => 2 };
    private static readonly Option<double> Rate = new("--rate")
    { Description = "Route 53 requests per second before Throttling", DefaultValueFactory = _ => new RateLimitSettings().PerSecond };
    private static readonly Option<int> Burst = new("--burst")
    { Description = "Route 53 request burst size", DefaultValueFactory = _ => new RateLimitSettings().Burst };
    private static readonly Option<bool> NoRateLimit = new("--no-rate-limit")
    { Description = "Never answer Throttling for the request rate" };
    private static readonly Option<bool> OperationLimits = new("--operation-limits")
    { Description = "Also answer Throttling by Route 53's per-operation buckets (CreateHealthCheck 50, then 0.5/s; ...)" };
    private static readonly Option<double> FaultRate = new("--fault-rate")
    { Description = "Probability (0-1) of a fault on each Route 53 request" };
    private static readonly Option<string[]> FaultKinds = new("--fault-kinds")
    { Description = $"Faults to inject: {string.Join(", ", Enum.GetNames<FaultKind>())} (default: all)",
        AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> FaultOperations = new("--fault-operations")
    { Description = "Route 53 operations eligible for faults (default: all)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<int> FaultSeed = new("--fault-seed")
    { Description = "Seed of the fault sequence", DefaultValueFactory = _ => 1 };

    private static readonly Option<double> DriftInterval = new("--drift-interval")
    {
        Description = "Minutes between drift schedule runs (default 15, as deployed; 0: only on POST /_local/schedules/drift)",
        DefaultValueFactory = _ => Drift.DriftEmulationSettings.DefaultInterval.TotalMinutes,
    };

    private static readonly Option<bool> NoHealthAlarms = new("--no-health-alarms")
    { Description = "Keep no CloudWatch alarms on the trees' health checks (on by default, as deployed)" };

    private static readonly Option<string[]> Apply = new("--apply")
    { Description =
        "Tree spec(s) to apply once the stack is up (e.g. examples/complex.json); the spec's zone is the local zone of that name" };

    public static RootCommand Create(Func<LocalStackOptions, CancellationToken, Task<int>> run)
    {
        var root =
            new RootCommand(
            "The failover local stack: moto, an AWS edge endpoint serving our Lambda functions, and a Route 53 realism layer.")
        {
            EdgePort, ApiPort, RequireSignature, MotoUrl, Zones, PrivateZones, NoResources, StateMachines, NoRealism, NoAliasTargetCheck,
            NoRoutingPolicyCheck,
            NoAliasTtlCheck, NoRecordSetCheck, NoHealthCheckIdempotency, ChangePending, Rate, Burst, NoRateLimit, OperationLimits,
            FaultRate, FaultKinds, FaultOperations, FaultSeed, DriftInterval, NoHealthAlarms, Apply,
        };
        root.SetAction(async (parsed, cancellationToken) =>
        {
            LocalStackOptions options;
            try { options = ToOptions(parsed); }
            catch (ArgumentException invalid)
            {
                await Console.Error.WriteLineAsync(invalid.Message);
                return 2;
            }
            return await run(options, cancellationToken);
        });
        return root;
    }

    private static LocalStackOptions ToOptions(ParseResult parsed)
    {
        var zones = Split(parsed.GetValue(Zones));
        var kinds = Split(parsed.GetValue(FaultKinds));
        return new LocalStackOptions
        {
            EdgePort = parsed.GetValue(EdgePort),
            ApiPort = parsed.GetValue(ApiPort),
            RequireApiSignature = parsed.GetValue(RequireSignature),
            MotoUrl = parsed.GetValue(MotoUrl) is { } motoUrl
                ? Uri.TryCreate(motoUrl, UriKind.Absolute, out var url) ? url
                    : throw new ArgumentException($"--moto-url: '{motoUrl}' is not an absolute URL")
                : null,
            Zones = zones.Count > 0 ? zones : new LocalStackOptions().Zones,
            PrivateZones = Split(parsed.GetValue(PrivateZones)),
            CreateResources = !parsed.GetValue(NoResources),
            StateMachineDirectory = parsed.GetValue(StateMachines),
            ApplySpecs = Split(parsed.GetValue(Apply)),
            HealthCheckAlarmPrefix = parsed.GetValue(NoHealthAlarms) ? null : new LocalStackOptions().HealthCheckAlarmPrefix,
            Drift = new Drift.DriftEmulationSettings
            {
                ScheduleInterval = parsed.GetValue(DriftInterval) is > 0 and var minutes ? TimeSpan.FromMinutes(minutes)
                    : parsed.GetValue(DriftInterval) == 0 ? null
                    : throw new ArgumentException($"--drift-interval must be 0 (off) or a positive number of minutes; it is " +
                        $"{parsed.GetValue(DriftInterval)}"),
            },
            Realism = new RealismSettings
            {
                Enabled = !parsed.GetValue(NoRealism),
                AliasTargetsMustExist = !parsed.GetValue(NoAliasTargetCheck),
                OneRoutingPolicyPerName = !parsed.GetValue(NoRoutingPolicyCheck),
                NoTtlOnAliases = !parsed.GetValue(NoAliasTtlCheck),
                UniqueRecordSets = !parsed.GetValue(NoRecordSetCheck),
                HealthCheckIdempotency = !parsed.GetValue(NoHealthCheckIdempotency),
                ChangePendingFor = TimeSpan.FromSeconds(parsed.GetValue(ChangePending)),
                RateLimit = new RateLimitSettings
                {
                    Enabled = !parsed.GetValue(NoRateLimit),
                    PerSecond = parsed.GetValue(Rate),
                    Burst = parsed.GetValue(Burst),
                },
                OperationLimits = new OperationLimitSettings { Enabled = parsed.GetValue(OperationLimits) },
                Faults = new FaultSettings
                {
                    Rate = parsed.GetValue(FaultRate),
                    Kinds = kinds.Count > 0
                        ? kinds.Select(kind => RealismSettingsJson.FaultKindNamed(kind, "--fault-kinds")).ToArray()
                        : Enum.GetValues<FaultKind>(),
                    Operations = Split(parsed.GetValue(FaultOperations)),
                    Seed = parsed.GetValue(FaultSeed),
                },
            },
        };
    }

    // Lists may be given as repeated options or comma-separated.
    private static IReadOnlyList<string> Split(string[]? values) =>
        (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
}
