namespace Failover.Local.Realism;

/// <summary>
/// What the Route 53 realism layer does, behaviour by behaviour. Immutable: the layer swaps a whole settings value at
/// once, so a request never sees half of an update. Defaults suit the interactive stack; tests set what they need.
/// </summary>
public sealed record RealismSettings
{
    /// <summary>Master switch: off, every Route 53 call goes to moto untouched (still counted).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>An alias into the same zone must name a record of its type that exists once the batch is applied.</summary>
    public bool AliasTargetsMustExist { get; init; } = true;

    /// <summary>All records of one name and type use one routing policy (simple, weighted, latency, failover, …).</summary>
    public bool OneRoutingPolicyPerName { get; init; } = true;

    /// <summary>Alias records carry no TTL and no resource records.</summary>
    public bool NoTtlOnAliases { get; init; } = true;

    /// <summary>
    /// CREATE of a record set that exists (same name, type and SetIdentifier) fails, and DELETE must name an existing
    /// record set with its current values; moto only approximates both.
    /// </summary>
    public bool UniqueRecordSets { get; init; } = true;

    /// <summary>CreateHealthCheck with a CallerReference already used returns that check or HealthCheckAlreadyExists.</summary>
    public bool HealthCheckIdempotency { get; init; } = true;

    /// <summary>How long a change answers PENDING to GetChange before INSYNC (Route 53: usually under 60 s).</summary>
    public TimeSpan ChangePendingFor { get; init; } = TimeSpan.FromSeconds(2);

    public RateLimitSettings RateLimit { get; init; } = new();

    /// <summary>Per-operation request buckets besides the account's; off unless asked for (see the type).</summary>
    public OperationLimitSettings OperationLimits { get; init; } = new();

    /// <summary>
    /// The per-operation pacing the stack's own Route 53 clients should use: Route 53's documented buckets when this
    /// layer answers by them, none otherwise (pacing creates at 0.5/s against a stack that does not would only slow it).
    /// </summary>
    public IReadOnlyDictionary<string, Failover.Aws.Http.OperationLimit> ClientOperationLimits =>
        Enabled && OperationLimits.Enabled ? OperationLimits.Limits : Failover.Aws.Route53.Route53OperationLimits.None;

    public FaultSettings Faults { get; init; } = new();

    /// <summary>
    /// Faults for DynamoDB and Step Functions calls through the edge (<see cref="ServiceFaultLayer"/>): operations are
    /// named <c>DynamoDB.PutItem</c>, <c>StepFunctions.StartExecution</c>; empty means every call of both. Off (rate 0)
    /// unless a test sets it; the realism master switch does not cover it.
    /// </summary>
    public FaultSettings ServiceFaults { get; init; } = new() { Kinds = ServiceFaultLayer.Kinds };

    /// <summary>Every problem with these settings, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ChangePendingFor < TimeSpan.Zero)
            errors.Add($"changePendingSeconds must be 0 or more (got {ChangePendingFor.TotalSeconds})");
        if (RateLimit.PerSecond is <= 0 or double.NaN or double.PositiveInfinity)
            errors.Add($"rateLimit.perSecond must be a positive number (got {RateLimit.PerSecond})");
        if (RateLimit.Burst < 1)
            errors.Add($"rateLimit.burst must be at least 1 (got {RateLimit.Burst})");
        errors.AddRange(OperationLimits.Validate());
        if (Faults.Rate is < 0 or > 1 or double.NaN)
            errors.Add($"faults.rate must be between 0 and 1 (got {Faults.Rate})");
        if (Faults.Rate > 0 && Faults.Kinds.Count == 0)
            errors.Add("faults.kinds must name at least one fault kind when faults.rate is above 0");
        foreach (var operation in Faults.Operations)
            if (!Route53Operation.Known.Contains(operation))
                errors.Add($"faults.operations: '{operation}' is not a Route 53 operation the layer recognises " +
                    $"({string.Join(", ", Route53Operation.Known)})");
        if (ServiceFaults.Rate is < 0 or > 1 or double.NaN)
            errors.Add($"serviceFaults.rate must be between 0 and 1 (got {ServiceFaults.Rate})");
        if (ServiceFaults.Rate > 0 && ServiceFaults.Kinds.Count == 0)
            errors.Add("serviceFaults.kinds must name at least one fault kind when serviceFaults.rate is above 0");
        foreach (var kind in ServiceFaults.Kinds.Except(ServiceFaultLayer.Kinds))
            errors.Add($"serviceFaults.kinds: {kind} is Route 53's own ({string.Join(", ", ServiceFaultLayer.Kinds)})");
        foreach (var operation in ServiceFaults.Operations)
            if (!operation.StartsWith(ServiceFaultLayer.DynamoDb + ".", StringComparison.Ordinal)
                && !operation.StartsWith(ServiceFaultLayer.StepFunctions + ".", StringComparison.Ordinal))
                errors.Add($"serviceFaults.operations: '{operation}' is not DynamoDB.<Action> or StepFunctions.<Action>");
        return errors;
    }

    /// <summary>Throws with every problem when the settings are unusable (start-up validation).</summary>
    public RealismSettings Validated()
    {
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid realism settings: " + string.Join("; ", errors));
        return this;
    }
}

/// <summary>Route 53's account-wide request rate: a token bucket refilled <see cref="PerSecond"/> times a second.</summary>
public sealed record RateLimitSettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>Refill rate. Route 53 documents 5 requests/s per account; newer accounts get 10.</summary>
    public double PerSecond { get; init; } = 5;

    /// <summary>Bucket size: how many requests may arrive at once after a quiet spell.</summary>
    public int Burst { get; init; } = 50;
}

/// <summary>Random failures injected into Route 53 calls; a fixed seed makes a run repeatable.</summary>
public sealed record FaultSettings
{
    /// <summary>Probability (0–1) that an eligible request gets a fault.</summary>
    public double Rate { get; init; }

    /// <summary>The kinds to draw from, uniformly.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; init; } = Enum.GetValues<FaultKind>();

    /// <summary>Operations eligible for faults (names such as ChangeResourceRecordSets); empty means all.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    public int Seed { get; init; } = 1;
}
