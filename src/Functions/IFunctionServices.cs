using Failover.Api;
using Failover.Composition;
using Failover.Service.Drift;
using Failover.Service.Health;
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

    /// <summary>The answer watcher: a tree's health check changed state (built on first use).</summary>
    AnswerWatcher Answers => throw new NotSupportedException($"{GetType().Name} provides no answer watcher");
}

/// <summary>The services of the deployed binary: the one composition root, with settings from the Lambda environment.</summary>
public sealed class EnvironmentFunctionServices : IFunctionServices
{
    private readonly Func<string, string?> _environment;
    private readonly Lazy<FailoverServices> _services;
    private readonly Lazy<WorkflowServices> _workflow;
    private readonly Lazy<DriftServices> _drift;
    private readonly Lazy<ApiService> _api;
    private readonly Lazy<AnswerWatcher> _answers;

    public EnvironmentFunctionServices(Func<string, string?> environment)
    {
        _environment = environment;
        _services = new(() => FailoverServices.Create(FailoverSettings.FromEnvironment(environment)));
        _workflow = new(() => _services.Value.Workflow());
        // Lambda sends standard output to CloudWatch Logs, which reads the drift metric lines written there.
        _drift = new(() => _services.Value.Drift(Console.Out));
        _answers = new(() => _services.Value.Answers());
        _api = new(() =>
        {
            var services = _services.Value;
            var drift = _drift.Value;
            var check = new TreeDriftCheck(drift.Store, drift.Route53, new DriftMetrics(Console.Out), services.Time, drift.Repair,
                drift.DefaultPolicy, drift.AllowedZones) { Events = drift.Events, Alarms = drift.Alarms };
            // The web dashboard built into this binary is served at GET /.
            return new ApiService(services.Api(check) with { Dashboard = Handlers.Api.EmbeddedDashboardFiles.Instance });
        });
    }

    public TimeProvider Time => TimeProvider.System;

    public WorkflowServices Workflow => _workflow.Value;

    public DriftServices Drift => _drift.Value;

    public ApiService Api => _api.Value;

    public AnswerWatcher Answers => _answers.Value;

    /// <summary>A setting of the function (an environment variable of the template), or null.</summary>
    public string? Setting(string name) => _environment(name);
}
