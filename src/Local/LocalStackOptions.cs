using Failover.Service.Alarms;
using Failover.Local.Drift;
using Failover.Service.Workflow;
using Failover.Local.Lambda;
using Failover.Local.Realism;
using Failover.Local.Resources;
using Failover.Service.Logging;

namespace Failover.Local;

/// <summary>How to bring the local stack up. Validated at start-up; each message names the setting.</summary>
public sealed record LocalStackOptions
{
    public const int DefaultEdgePort = 4566;

    /// <summary>Loopback port of the edge endpoint; 0 picks a free one (tests).</summary>
    public int EdgePort { get; init; } = DefaultEdgePort;

    /// <summary>
    /// Loopback port of the HTTP API (API Gateway emulation in front of the Api function); 0 picks a free one. The
    /// command line defaults to 3000; in-process stacks (tests) take a free port unless they ask, so two never collide.
    /// </summary>
    public int ApiPort { get; init; }

    /// <summary>
    /// True: the HTTP API refuses requests not SigV4-signed for execute-api by the local stack's credentials
    /// (<c>testing</c>/<c>testing</c>), as a deployment's IAM authorisation refuses unsigned ones (403).
    /// </summary>
    public bool RequireApiSignature { get; init; }

    /// <summary>A moto already running; null starts moto_server as a child process on a free port.</summary>
    public Uri? MotoUrl { get; init; }

    /// <summary>Public hosted zones to make sure of at start-up.</summary>
    public IReadOnlyList<string> Zones { get; init; } = [LocalResourceNames.DemoZone];

    /// <summary>
    /// Private hosted zones to make sure of at start-up, associated with moto's default VPC; a name may also be in
    /// <see cref="Zones"/> (split-view DNS: a public and a private zone of one name).
    /// </summary>
    public IReadOnlyList<string> PrivateZones { get; init; } = [];

    /// <summary>False skips the table, queues, state machines and zones (a bare edge in front of moto).</summary>
    public bool CreateResources { get; init; } = true;

    /// <summary>Where the *.asl.json definitions are; null searches for src/StateMachine upwards from the working directory.</summary>
    public string? StateMachineDirectory { get; init; }

    public RealismSettings Realism { get; init; } = new();

    /// <summary>
    /// The name prefix of the CloudWatch alarms the workflow keeps on the trees' health checks (in moto's CloudWatch, as
    /// the deployed template's <c>&lt;stack&gt;-health-</c>); null keeps none. On in the interactive stack, so its plans,
    /// runs, drift checks and teardowns show the alarm layer a deployment has (<c>--no-health-alarms</c> turns it off);
    /// off in <see cref="ForTests"/>, whose tests ask for it (<c>TestStackBuilder.WithHealthCheckAlarms</c>).
    /// </summary>
    public string? HealthCheckAlarmPrefix { get; init; } = HealthCheckAlarmSource.LocalStackPrefix;

    /// <summary>
    /// Where the workflow's functions and the answer watcher write their metric lines (Embedded Metric Format, as a
    /// deployed function's standard output, which CloudWatch Logs turns into metrics); null writes none.
    /// </summary>
    public TextWriter? MetricsOutput { get; init; }

    /// <summary>The drift schedule and the drift queue's event source mapping.</summary>
    public DriftEmulationSettings Drift { get; init; } = new();

    /// <summary>The clock of the realism layer (PENDING changes, the request rate).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Settings of the provisioning workflow's functions, which the edge serves in-process: a short poll for INSYNC
    /// (the realism layer keeps changes PENDING for seconds, not a minute) and a bounded wait.
    /// </summary>
    public WorkflowOptions Workflow { get; init; } = new()
    {
        TableName = LocalResourceNames.ProgressTable,
        SyncPollInterval = TimeSpan.FromSeconds(1),
        SyncTimeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Registers more functions, or replaces some, besides the service's own (src/Functions) and Echo.</summary>
    public Action<FunctionRegistry>? ConfigureFunctions { get; init; }

    /// <summary>Tree specs to apply once the stack is up (<c>--apply</c>): the service's main job, locally.</summary>
    public IReadOnlyList<string> ApplySpecs { get; init; } = [];

    /// <summary>
    /// Where the service's functions (workflow steps, the API) write their structured JSON log lines, as Lambda's
    /// standard output; null drops them.
    /// </summary>
    public LogSink? FunctionLog { get; init; }

    /// <summary>
    /// The stack's own logger, for problems it survives (failed asynchronous invocations, a fault of the edge): the
    /// functions' JSON lines in the same field names, under the service name <see cref="LocalLog.Service"/>; null drops them.
    /// </summary>
    public StructuredLogger? Log { get; init; }

    /// <summary>Options for tests: free ports, changes INSYNC at once, no health check alarms; else as the interactive stack.</summary>
    public static LocalStackOptions ForTests() => new()
    {
        EdgePort = 0,
        Realism = new RealismSettings { ChangePendingFor = TimeSpan.Zero },
        // Tests fire the drift schedule themselves (POST /_local/schedules/drift).
        Drift = new DriftEmulationSettings { ScheduleInterval = null },
        HealthCheckAlarmPrefix = null,
    };

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (EdgePort is < 0 or > 65535) errors.Add($"edge port must be between 0 and 65535 (got {EdgePort})");
        if (ApiPort is < 0 or > 65535) errors.Add($"api port must be between 0 and 65535 (got {ApiPort})");
        if (ApiPort != 0 && ApiPort == EdgePort) errors.Add($"api port and edge port must differ (both {ApiPort})");
        if (MotoUrl is { } moto && (!moto.IsAbsoluteUri || moto.Scheme is not ("http" or "https")))
            errors.Add($"moto url must be an absolute http(s) URL (got '{moto}')");
        foreach (var zone in Zones.Concat(PrivateZones))
            if (!IsZoneName(
                zone)) errors.Add($"zone '{zone}' is not a DNS name (labels of letters, digits and hyphens, separated by dots)");
        errors.AddRange(Realism.Validate().Select(error => "realism: " + error));
        errors.AddRange(Drift.Validate());
        try
        {
            Workflow.Validated();
        }
        catch (ArgumentException e)
        {
            errors.Add("workflow: " + e.Message);
        }
        return errors;
    }

    private static bool IsZoneName(string zone)
    {
        var labels = zone.TrimEnd('.').Split('.');
        return zone.Length is > 0 and <= 254 && labels.All(label =>
            label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-'
                && label[^1] != '-');
    }
}
