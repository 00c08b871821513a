using Failover.Core.Spec;

namespace Failover.Service.Drift;

/// <summary>
/// Settings of the drift functions, from their environment (the template sets them). Validated at start-up; every
/// message names the setting and its environment variable.
/// </summary>
public sealed record DriftOptions
{
    public const string TableVariable = "FAILOVER_TABLE";
    public const string QueueUrlVariable = "FAILOVER_DRIFT_QUEUE_URL";
    public const string Route53RateVariable = "FAILOVER_ROUTE53_RPS";
    public const string StateMachineVariable = "FAILOVER_STATE_MACHINE_ARN";
    public const string DefaultPolicyVariable = "FAILOVER_DEFAULT_DRIFT_POLICY";
    public const string DefaultTable = "failover-progress";

    public string TableName { get; init; } = DefaultTable;

    /// <summary>The drift queue the scheduler sends to (the worker is fed by the event source mapping and needs none).</summary>
    public string? QueueUrl { get; init; }

    /// <summary>The provisioning state machine a repair starts a run of (the worker's); null: no repair runs.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>What a drift check does for a tree whose spec has no <c>driftPolicy</c>.</summary>
    public DriftPolicy DefaultPolicy { get; init; } = DriftPolicy.Report;

    /// <summary>This deployment's share of the account-wide Route 53 request rate; null: the client's default.</summary>
    public double? Route53RequestsPerSecond { get; init; }

    public static DriftOptions FromEnvironment(Func<string, string?> environment) => new DriftOptions
    {
        TableName = environment(TableVariable) is { Length: > 0 } table ? table : DefaultTable,
        QueueUrl = environment(QueueUrlVariable) is { Length: > 0 } url ? url : null,
        StateMachineArn = environment(StateMachineVariable) is { Length: > 0 } arn ? arn : null,
        DefaultPolicy = environment(DefaultPolicyVariable) is { Length: > 0 } policy ? ParsePolicy(policy) : DriftPolicy.Report,
        Route53RequestsPerSecond = environment(Route53RateVariable) is { Length: > 0 } rate
            ? double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
                out var perSecond) ? perSecond : double.NaN
            : null,
    }.Validated();

    private static DriftPolicy ParsePolicy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "report" => DriftPolicy.Report,
        "repair" => DriftPolicy.Repair,
        _ =>
            throw new ArgumentException($"DriftOptions.DefaultPolicy ({DefaultPolicyVariable}) must be 'report' or 'repair'; it is " +
                $"'{text}'."),
    };

    public DriftOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(TableName))
            throw new ArgumentException($"DriftOptions.TableName ({TableVariable}) must name the progress table.");
        if (QueueUrl is not null && (!Uri.TryCreate(QueueUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            throw new ArgumentException($"DriftOptions.QueueUrl ({QueueUrlVariable}) must be the queue's URL; it is '{QueueUrl}'.");
        if (StateMachineArn is not null && !StateMachineArn.StartsWith("arn:", StringComparison.Ordinal))
            throw new ArgumentException($"DriftOptions.StateMachineArn ({StateMachineVariable}) must be the state machine's ARN; it is " +
                $"'{StateMachineArn}'.");
        if (Route53RequestsPerSecond is { } rps && !(rps > 0))
            throw new ArgumentException($"DriftOptions.Route53RequestsPerSecond ({Route53RateVariable}) must be a positive number.");
        return this;
    }
}
