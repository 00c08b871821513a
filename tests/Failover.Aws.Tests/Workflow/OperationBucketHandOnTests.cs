using Failover.Aws.Http;
using Failover.Aws.Route53;
using Failover.Aws.Tests.Http;
using Failover.Service.Progress;
using Failover.Service.Workflow;
using Failover.Testing.Route53;
using Failover.Testing.Store;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static Failover.Aws.Tests.Progress.ProgressTestStores;

namespace Failover.Aws.Tests.Workflow;

/// <summary>
/// Two health-check steps of one run, each in a process of its own (fresh copies of Route 53's per-operation buckets),
/// bracketed as the functions' step handler brackets them (<see cref="RunRequestRate"/>: resume at the start, keep at the
/// end, through the run's item), against an account with Route 53's documented buckets ("Throttling for Amazon Route 53
/// API requests": CreateHealthCheck 50 tokens, 0.5 a second) on one fake clock (<see cref="LayerSimulation"/>). The
/// first step spends the 50 creates; the HealthChecks state is entered again with the rest of the layer.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperationBucketHandOnTests(ITestOutputHelper log)
{
    private const int FirstChecks = 50;
    private const int NextChecks = 20;
    private static readonly TimeSpan BetweenSteps = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task The_next_step_waits_for_the_create_bucket_the_last_one_spent_instead_of_sending_into_it()
    {
        var (_, next) = await TwoStepsAsync(handOn: true);

        Assert.Equal(NextChecks * LayerSimulation.RequestsPerUnit, next.Accepted);
        Assert.Equal(0, next.Throttled);
    }

    [Fact]
    public async Task With_full_copies_at_every_step_the_next_step_sends_creates_Route_53_throttles()
    {
        var (_, next) = await TwoStepsAsync(handOn: false);

        Assert.Equal(NextChecks * LayerSimulation.RequestsPerUnit, next.Accepted);
        Assert.True(next.Throttled >= 1, "the next step's creates went through without a throttle");
    }

    private async Task<(LayerSimulation.Result First, LayerSimulation.Result Next)> TwoStepsAsync(bool handOn)
    {
        var store = new InMemoryProgressStore(_time);
        await store.PutVersionAsync(Tree("shop"), "{}");
        await store.CreateRunAsync(new NewRun("run-1", "shop", 1, RunKind.Apply));
        var account = new SimulatedAccount(10, 50, Route53OperationLimits.Documented, _time);

        async Task<LayerSimulation.Result> StepAsync(int checks)
        {
            var copies = new OperationRates(Route53OperationLimits.Documented, adaptive: true, _time);
            var services = new WorkflowServices(new InMemoryRoute53(_time), store, _time, new WorkflowOptions())
            {
                Route53OperationBuckets = handOn ? copies : null,
            };
            var started = await RunRequestRate.ResumeAsync(services, "run-1", default);
            var result = new LayerSimulation
            {
                Units = checks, Time = _time, Account = account, Operations = copies,
                Client = new Route53ClientOptions { OperationLimits = Route53OperationLimits.Documented },
            }.Run();
            await RunRequestRate.SaveAsync(services, "run-1", started, usage: null, default);
            var kept = (await store.GetRunAsync("run-1"))!.Route53OperationBuckets;
            log.WriteLine(FormattableString.Invariant(
                $"{checks} checks in {result.Elapsed.TotalSeconds:F1} s, {result.Throttled} throttled; kept: {string.Join(", ", kept)}"));
            return result;
        }

        var first = await StepAsync(FirstChecks);
        _time.Advance(BetweenSteps);
        return (first, await StepAsync(NextChecks));
    }
}
