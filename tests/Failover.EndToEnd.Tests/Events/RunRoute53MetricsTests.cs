using System.Text.Json;
using Failover.EndToEnd.Tests.Drift;
using Failover.Local.Realism;
using Failover.Testing;
using Failover.Testing.Stack;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Events;

/// <summary>
/// The per-run Route 53 figures in the metric lines of a real run on the local stack: the account's rate held at 3/s
/// (so the functions' client, sending at 20/s, is throttled) and changes PENDING for 4 s (so the run waits for INSYNC).
/// The run's end line counts every request and throttle its functions' Route 53 transport saw, across all its steps,
/// and the INSYNC wait is a line of its own.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class RunRoute53MetricsTests : IAsyncLifetime
{
    private const string Tree = "metered";
    private readonly StringWriter _metricsText = new();
    // Written by the workflow while the test reads it: a synchronized writer locks on itself, and so does the reader.
    private readonly TextWriter _metrics;
    private readonly Route53Wire _wire = new() { InnerHandler = new HttpClientHandler() };
    private TestStack? _stack;

    private readonly ITestOutputHelper log;

    public RunRoute53MetricsTests(ITestOutputHelper log)
    {
        this.log = log;
        _metrics = TextWriter.Synchronized(_metricsText);
    }

    private TestStack Stack => _stack ?? throw new InvalidOperationException("the stack is not started");

    public async Task InitializeAsync() => _stack = await new TestStackBuilder()
        .WithRealism(new RealismSettings
        {
            ChangePendingFor = TimeSpan.FromSeconds(4), RateLimit = new RateLimitSettings { PerSecond = 3, Burst = 3 },
        })
        .WithMetricsOutput(_metrics)
        // A rate of its own: the process-wide bucket for these settings is this test's alone.
        .WithInProcessWorkflow(new InProcessWorkflow { RequestsPerSecond = 20, Burst = 21, Route53Handler = _wire })
        .StartAsync();

    public async Task DisposeAsync()
    {
        if (_stack is not null) await _stack.DisposeAsync();
    }

    private string Spec() => $$"""
        {
          "name": "{{Tree}}", "hostedZoneId": "{{Stack.ZoneId}}", "zoneName": "example.com",
          "recordName": "metered.example.com", "recordType": "A", "ttl": 60,
          "healthCheckDefaults": { "type": "HTTP", "port": 80, "path": "/health" },
          "root": { "id": "root", "routing": "failover",
            "primary": { "id": "pool", "routing": "weighted", "children": [
              { "id": "a", "weight": 10, "endpoint": { "values": ["192.0.2.10"], "healthCheck": {} } },
              { "id": "b", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
              { "id": "c", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } },
              { "id": "d", "weight": 10, "endpoint": { "values": ["192.0.2.13"], "healthCheck": {} } },
              { "id": "e", "weight": 10, "endpoint": { "values": ["192.0.2.14"], "healthCheck": {} } },
              { "id": "f", "weight": 10, "endpoint": { "values": ["192.0.2.15"], "healthCheck": {} } } ] },
            "secondary": { "id": "sorry", "endpoint": { "values": ["198.51.100.80"] } } }
        }
        """;

    [Fact]
    public async Task The_run_end_line_counts_every_Route_53_request_and_throttle_of_its_steps_and_the_INSYNC_wait_has_a_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"failover-metered-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Spec());
        var applied = await DriftStackFixture.CliAsync("apply", path, "--yes", "--endpoint", Stack.EdgeUrl.ToString());
        Assert.True(applied.Code == 0, applied.Out + applied.Error);

        // The last step marks the run SUCCEEDED (which ends the CLI's wait) and only then writes the run's end line.
        var lines = await Eventually.ReachAsync("the run's end metric line", _ => Task.FromResult(MetricLines()),
            read => read.Any(l => l.TryGetProperty("Runs", out _)), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
        var end = Assert.Single(lines, l => l.TryGetProperty("Runs", out _));
        Assert.Equal("Succeeded", end.GetProperty("Outcome").GetString());
        // Every request the functions sent went through the wire, each step's once; the run ended after the last of them.
        Assert.True(_wire.Throttles > 0, $"the realism layer throttled none of {_wire.Requests} requests");
        Assert.Equal((_wire.Requests, _wire.Throttles),
            (end.GetProperty("Route53Requests").GetInt64(), end.GetProperty("Route53Throttles").GetInt64()));
        var wait = Assert.Single(lines, l => l.TryGetProperty("InsyncWait", out _));
        Assert.Equal(end.GetProperty("run_id").GetString(), wait.GetProperty("run_id").GetString());
        // A first GetChange answered PENDING makes the run wait a poll interval (1 s) at least; one answered INSYNC (a
        // loaded machine can take longer than the PENDING window to get there) waited for nothing.
        var pending = Stack.Local.Realism.Stats.Get(RealismStats.ChangeStatus, "PENDING");
        var waited = wait.GetProperty("InsyncWait").GetDouble();
        log.WriteLine(
            $"{_wire.Requests} Route 53 requests, {_wire.Throttles} throttled; INSYNC wait {waited:0} ms, {pending} PENDING answer(s)");
        if (pending > 0) Assert.InRange(waited, 900, end.GetProperty("RunDuration").GetDouble());
        else Assert.Equal(0, waited);
        var sets = wait.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions");
        Assert.Equal(["Tree"], sets[0].EnumerateArray().Select(d => d.GetString()));
    }

    /// <summary>The tree's metric lines written so far (whole lines only: the workflow may be writing the next one).</summary>
    private List<JsonElement> MetricLines()
    {
        string text;
        lock (_metrics) text = _metricsText.ToString();
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).Where(l => l.GetProperty("Tree").GetString() == Tree).ToList();
    }

    /// <summary>The functions' Route 53 HTTP: counts what they sent and what came back <c>Throttling</c>.</summary>
    private sealed class Route53Wire : DelegatingHandler
    {
        private long _requests;
        private long _throttles;

        public long Requests => Interlocked.Read(ref _requests);
        public long Throttles => Interlocked.Read(ref _throttles);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref _requests);
            if ((int)response.StatusCode == 400)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (body.Contains("<Code>Throttling</Code>", StringComparison.Ordinal)) Interlocked.Increment(ref _throttles);
            }
            return response;
        }
    }
}
