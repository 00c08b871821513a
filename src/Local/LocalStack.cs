using System.Text.Json;
using Failover.Local.Api;
using Failover.Functions;
using Failover.Composition;
using Failover.Functions.Handlers;
using Failover.Functions.Handlers.Health;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Local.Aws;
using Failover.Local.Drift;
using Failover.Local.Edge;
using Failover.Local.Events;
using Failover.Local.Health;
using Failover.Local.Lambda;
using Failover.Local.Moto;
using Failover.Local.Realism;
using Failover.Local.Resources;

namespace Failover.Local;

/// <summary>
/// The whole local AWS for the service on loopback: moto, the edge endpoint in front of it (Lambda Invoke for our
/// functions, the Route 53 realism layer, everything else forwarded), and the service's resources. Tests start one
/// in-process on free ports; <c>dotnet run --project src/Local</c> starts one on 4566. Disposing stops everything,
/// including the moto it started.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private readonly MotoServer? _ownedMoto;
    private readonly EdgeServer _edge;
    private ApiGatewayServer? _api;
    private LocalDriftEmulation? _drift;
    private readonly MotoForwarder _forwarder;
    private readonly HttpClient _motoRoute53;
    // Set once start-up has made everything the ready report prints; until then health answers 503 "starting".
    private volatile bool _ready;

    private LocalStack(MotoServer? ownedMoto, EdgeServer edge, MotoForwarder forwarder, HttpClient motoRoute53,
        Uri motoUrl, RealismControl realism, FunctionRegistry functions)
    {
        _ownedMoto = ownedMoto;
        _edge = edge;
        _forwarder = forwarder;
        _motoRoute53 = motoRoute53;
        MotoUrl = motoUrl;
        Realism = realism;
        Functions = functions;
    }

    /// <summary>The AWS endpoint clients use (AWS_ENDPOINT_URL), e.g. http://127.0.0.1:4566.</summary>
    public Uri EdgeUrl => _edge.Url;

    /// <summary>The HTTP API (API Gateway emulation invoking the Api function), e.g. http://127.0.0.1:3000.</summary>
    public Uri ApiUrl => _api?.Url ?? throw new InvalidOperationException("the local stack's HTTP API is not started");

    /// <summary>moto itself, behind the edge (no realism layer, no Lambda functions).</summary>
    public Uri MotoUrl { get; }

    /// <summary>True when the stack started moto (and stops it); false with an existing moto.</summary>
    public bool OwnsMoto => _ownedMoto is not null;

    public RealismControl Realism { get; }

    public FunctionRegistry Functions { get; }

    /// <summary>What start-up created; null when <see cref="LocalStackOptions.CreateResources"/> was false.</summary>
    public ProvisionedResources? Resources { get; private set; }

    /// <summary>The events the service published through the edge (<c>GET /_local/events</c>).</summary>
    public PublishedEvents Events { get; private init; } = new();

    /// <summary>The drift schedule and queue emulation; null when the stack made no resources.</summary>
    public LocalDriftEmulation? Drift => _drift;

    /// <summary>Completes if the moto the stack started stops on its own.</summary>
    public Task MotoExited => _ownedMoto?.Exited ?? Task.Delay(Timeout.Infinite);

    /// <summary>moto's last lines of output (empty for an external moto).</summary>
    public string MotoOutput => _ownedMoto?.RecentOutput ?? "";

    /// <exception cref="ArgumentException">The options are invalid (the message names each setting).</exception>
    /// <exception cref="MotoNotInstalledException">moto_server is not installed and no moto URL was given.</exception>
    public static async Task<LocalStack> StartAsync(LocalStackOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalStackOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid local stack options: " + string.Join("; ", errors));

        var edgePort = options.EdgePort == 0 ? MotoServer.FreePort() : options.EdgePort;
        var ownedMoto = options.MotoUrl is null
            ? await MotoServer.StartAsync(edgePort, cancellationToken, reservedPorts: [edgePort, options.ApiPort])
            : null;
        var motoUrl = options.MotoUrl ?? ownedMoto!.Url;
        var forwarder = new MotoForwarder(motoUrl);
        var motoRoute53 = SignedHttp.Create("route53", motoUrl);
        EdgeServer? edge = null;
        ApiGatewayServer? api = null;
        try
        {
            await MotoServer.EnableStateMachineExecutionAsync(motoUrl, cancellationToken);
            // The workflow's functions, as deployed; the drift functions join with the drift emulation below.
            var hosting = new HostingOptions { Log = options.FunctionLog ?? new LogSink(Stream.Null) };
            var edgeUrl = new Uri($"http://127.0.0.1:{edgePort}");
            var functions = new FunctionRegistry().AddBuiltIns()
                .Register(
                    FunctionCatalog.Build(new LocalFunctionServices(
                        LocalSettings.AtEdge(edgeUrl, options.Workflow, options.Realism, options.HealthCheckAlarmPrefix,
                            options.MetricsOutput)), hosting),
                    WorkflowHandlers.Names);
            options.ConfigureFunctions?.Invoke(functions);
            var realism = new RealismControl(options.Realism, options.TimeProvider);
            var layer = new Route53RealismLayer(realism, forwarder, new MotoRoute53Reader(motoRoute53));
            var events = new PublishedEvents(options.Log);
            LocalStack? stack = null;
            edge = await EdgeServer.StartAsync(edgePort, functions, layer, realism, forwarder,
                () => stack?._ready == true, json => LocalStack.WriteHealth(stack, json), options.Log, cancellationToken,
                routes => DriftScheduleEndpoint.Map(routes, () => stack?._drift?.Schedule), events,
                // Until start-up registered the watcher (it needs the stack's resources), a status change alarms nobody.
                (id, before, after, token) => functions.Contains(AnswerWatcherHandlers.Name)
                    ? new HealthStatusRule(functions).StatusChangedAsync(id, before, after, token)
                    : Task.FromResult<string?>(null));
            var apiPort = options.ApiPort == 0 ? MotoServer.FreePort([edgePort]) : options.ApiPort;
            api = await ApiGatewayServer.StartAsync(apiPort, functions, options.TimeProvider, options.Log, cancellationToken,
                options.RequireApiSignature ? SignatureCheck.ForLocalCredentials(options.TimeProvider) : null);
            stack = new LocalStack(ownedMoto, edge, forwarder, motoRoute53, motoUrl, realism, functions) { _api = api, Events = events };
            if (options.CreateResources)
            {
                var directory = options.StateMachineDirectory ?? LocalResources.FindStateMachineDirectory(Environment.CurrentDirectory);
                stack.Resources = await LocalResources.EnsureAsync(edge.Url, motoUrl, options.Zones, directory, cancellationToken,
                    options.PrivateZones);
                // The drift functions log to standard output, as Lambda's do, unless the caller says where function logs go.
                var services = LocalSettings
                    .AtEdge(edge.Url, options.Workflow, options.Realism, options.HealthCheckAlarmPrefix, options.MetricsOutput)
                    .WithResources(stack.Resources);
                stack._drift = LocalDriftEmulation.Start(services, stack.Resources, functions, options.Drift, options.Log,
                    options.FunctionLog is null ? null : hosting);
                // The API as deployed, unless the caller put its own Api function in (a stand-in for the emulation's tests).
                if (!functions.Contains(ApiGatewayServer.FunctionName))
                    LocalApiFunction.Register(functions, services, stack._drift.Check, hosting, TimeProvider.System);
                if (!functions.Contains(AnswerWatcherHandlers.Name))
                {
                    var answers = new Lazy<Failover.Service.Health.AnswerWatcher>(() => FailoverServices.Create(services).Answers());
                    functions.Register(new HandlerTableBuilder().AddAnswerWatcher(() => answers.Value).Build(TimeProvider.System, hosting),
                        [AnswerWatcherHandlers.Name]);
                }
            }
            stack._ready = true;
            return stack;
        }
        catch
        {
            if (edge is not null) await edge.DisposeAsync();
            if (api is not null) await api.DisposeAsync();
            forwarder.Dispose();
            motoRoute53.Dispose();
            if (ownedMoto is not null) await ownedMoto.DisposeAsync();
            throw;
        }
    }

    /// <summary>True once start-up has created (or found) every resource it reports; <c>/_local/health</c> answers 200 from then.</summary>
    public bool IsReady => _ready;

    // Before the stack object exists the edge already answers: health then says only that the stack is starting.
    private static void WriteHealth(LocalStack? stack, Utf8JsonWriter json)
    {
        if (stack is not null)
        {
            stack.WriteHealth(json);
            return;
        }
        json.WriteStartObject();
        json.WriteString("status", "starting");
        json.WriteEndObject();
    }

    /// <summary>The document <c>GET /_local/health</c> answers: "status" is "starting" until <see cref="IsReady"/>, then "ok".</summary>
    public void WriteHealth(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("status", _ready ? "ok" : "starting");
        json.WriteString("edge", EdgeUrl.ToString().TrimEnd('/'));
        json.WriteString("moto", MotoUrl.ToString().TrimEnd('/'));
        if (_api is not null) json.WriteString("api", _api.Url.ToString().TrimEnd('/'));
        json.WriteString("region", LocalAccount.Region);
        json.WriteString("account", LocalAccount.Id);
        json.WriteStartArray("functions");
        foreach (var name in Functions.Names) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteBoolean("realism", Realism.Current.Enabled);
        if (_drift is not null)
        {
            json.WriteStartObject("drift");
            if (_drift.Schedule.Interval is { } interval) json.WriteNumber("scheduleIntervalSeconds", interval.TotalSeconds);
            else json.WriteNull("scheduleIntervalSeconds");
            json.WriteBoolean("pollingQueue", _drift.Poller is not null);
            json.WriteEndObject();
        }
        if (Resources is { } resources)
        {
            json.WriteStartObject("resources");
            json.WriteString("progressTable", resources.ProgressTable);
            json.WriteString("driftQueueUrl", resources.DriftQueueUrl);
            json.WriteString("driftDeadLetterQueueUrl", resources.DriftDeadLetterQueueUrl);
            json.WriteStartObject("stateMachines");
            foreach (var (name, arn) in resources.StateMachines) json.WriteString(name, arn);
            json.WriteEndObject();
            json.WriteStartObject("hostedZones");
            foreach (var (name, id) in resources.HostedZones) json.WriteString(name, id);
            json.WriteEndObject();
            json.WriteStartObject("privateHostedZones");
            foreach (var (name, id) in resources.PrivateHostedZones) json.WriteString(name, id);
            json.WriteEndObject();
            if (resources.Vpc is { } vpc) json.WriteString("vpc", vpc.Id);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    public async ValueTask DisposeAsync()
    {
        if (_drift is not null) await _drift.DisposeAsync();
        if (_api is not null) await _api.DisposeAsync();
        await _edge.DisposeAsync();
        _forwarder.Dispose();
        _motoRoute53.Dispose();
        if (_ownedMoto is not null) await _ownedMoto.DisposeAsync();
    }
}
