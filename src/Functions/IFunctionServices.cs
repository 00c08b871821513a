using Failover.Composition;
using Failover.Aws.Clients;
using Failover.Api;
using Failover.Service.Adapters;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Service.Workflow;

namespace Failover.Functions;

/// <summary>
/// What handlers need from the outside world, built once per process. The deployed binary builds it from the Lambda
/// environment; the local stack builds one pointing at moto. Clients belong here as lazily created members, so a cold
/// start pays only for what its one handler uses.
/// </summary>
public interface IFunctionServices
{
    TimeProvider Time { get; }

    /// <summary>The provisioning workflow's clients and settings: Route 53, the progress table (built on first use).</summary>
    WorkflowServices Workflow => throw new NotSupportedException($"{GetType().Name} provides no workflow services");

    /// <summary>The drift functions' clients and settings (built on first use).</summary>
    DriftServices Drift => throw new NotSupportedException($"{GetType().Name} provides no drift services");

    /// <summary>The HTTP API over its ports (built on first use).</summary>
    ApiService Api => throw new NotSupportedException($"{GetType().Name} provides no HTTP API");
}

/// <summary>The services of the deployed binary, from the Lambda environment.</summary>
public sealed class EnvironmentFunctionServices(Func<string, string?> environment) : IFunctionServices
{
    private readonly Lazy<WorkflowServices> _workflow = new(() => WorkflowFromEnvironment(environment));
    private readonly Lazy<DriftServices> _drift = new(() => DriftFromEnvironment(environment));
    private readonly Lazy<ApiService> _api = new(() => ApiFromEnvironment(environment));

    public TimeProvider Time => TimeProvider.System;

    public WorkflowServices Workflow => _workflow.Value;

    public DriftServices Drift => _drift.Value;

    public ApiService Api => _api.Value;

    /// <summary>A setting of the function (an environment variable of the template), or null.</summary>
    public string? Setting(string name) => environment(name);

    private static WorkflowServices WorkflowFromEnvironment(Func<string, string?> environment)
    {
        var options = WorkflowOptions.FromEnvironment(environment);
        var store = new ProgressStore(DynamoDbClientFactory.Create(), options.TableName, TimeProvider.System);
        return new WorkflowServices(Route53FromEnvironment(environment), store, TimeProvider.System, options);
    }

    private static Route53Client Route53FromEnvironment(Func<string, string?> environment)
    {
        var route53 = Route53ClientOptions.FromEnvironment(environment);
        // The account-wide Route 53 rate is shared with every other tool; the template says how much of it is ours.
        if (double.TryParse(environment("FAILOVER_ROUTE53_RPS"), System.Globalization.CultureInfo.InvariantCulture, out var rate)
            && rate > 0)
            route53 = route53 with { RequestsPerSecond = rate, Burst = Math.Max(1, (int)rate) };
        return new Route53Client(route53);
    }

    /// <summary>
    /// The Api function: the allow-list (<c>ALLOWED_HOSTED_ZONE_IDS</c>), the progress table, the state machine its runs
    /// start (<c>FAILOVER_STATE_MACHINE_ARN</c>, required) and the drift check of <c>POST …/drift-check</c>.
    /// </summary>
    private static ApiService ApiFromEnvironment(Func<string, string?> environment)
    {
        var options = ApiOptions.FromEnvironment(environment);
        var workflow = WorkflowOptions.FromEnvironment(environment);
        var stateMachine = DriftOptions.FromEnvironment(environment).StateMachineArn
            ?? throw new ArgumentException($"The Api function needs {DriftOptions.StateMachineVariable}: the ARN of the provisioning " +
                $"state machine its runs start.");
        var store = new ProgressStore(DynamoDbClientFactory.Create(), workflow.TableName, TimeProvider.System);
        var route53 = Route53FromEnvironment(environment);
        var runs = new RunStarter(store,
            new Failover.Aws.StepFunctions.StepFunctionsClient(
                Failover.Aws.StepFunctions.StepFunctionsClientOptions.FromEnvironment(environment: environment)),
            stateMachine, TimeProvider.System, workflow.LockTtl);
        // Lambda sends standard output to CloudWatch Logs, which reads the drift metric lines written there.
        var drift = new TreeDriftCheck(store, route53, new DriftMetrics(Console.Out), TimeProvider.System, new RunStarterDriftRepair(runs),
            DriftOptions.FromEnvironment(environment).DefaultPolicy);
        // The web dashboard built into this binary is served at GET /.
        return new ApiService(AwsApiDependencies.Create(store, route53, runs, options, TimeProvider.System, drift) with
        {
            Dashboard = Handlers.Api.EmbeddedDashboardFiles.Instance,
        });
    }

    private static DriftServices DriftFromEnvironment(Func<string, string?> environment)
    {
        var options = DriftOptions.FromEnvironment(environment);
        var sqs = new Amazon.SQS.AmazonSQSClient();
        var store = new ProgressStore(DynamoDbClientFactory.Create(), options.TableName, TimeProvider.System);
        // The worker repairs through a workflow run; the scheduler has no state machine and needs none.
        IDriftRepair? repair = options.StateMachineArn is { } arn
            ? new RunStarterDriftRepair(new RunStarter(store,
                new Failover.Aws.StepFunctions.StepFunctionsClient(
                    Failover.Aws.StepFunctions.StepFunctionsClientOptions.FromEnvironment(environment: environment)),
                arn, TimeProvider.System, WorkflowOptions.FromEnvironment(environment).LockTtl))
            : null;
        return new DriftServices(
            store,
            new Failover.Aws.Route53.Route53Client(options.Route53RequestsPerSecond is { } rate
                ? Failover.Aws.Route53.Route53ClientOptions.FromEnvironment(environment) with { RequestsPerSecond = rate,
                    Burst = Math.Max(1, (int)rate) }
                : Failover.Aws.Route53.Route53ClientOptions.FromEnvironment(environment)),
            SqsMessageBatches.For(sqs),
            options.QueueUrl,
            TimeProvider.System,
            // Lambda sends standard output to CloudWatch Logs, which reads the metric lines written there.
            Console.Out,
            repair,
            options.DefaultPolicy);
    }
}
