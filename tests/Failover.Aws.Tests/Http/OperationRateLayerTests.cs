using System.Globalization;
using Failover.Aws.Route53;
using Xunit.Abstractions;

namespace Failover.Aws.Tests.Http;

/// <summary>
/// A layer of 200 new health checks against an account with Route 53's documented per-operation buckets
/// ("Throttling for Amazon Route 53 API requests": CreateHealthCheck 50 tokens, 0.5 a second; the account 50 and 10),
/// while other work sends ChangeResourceRecordSets back to back (<see cref="LayerSimulation"/>, on a fake clock). With
/// the client pacing CreateHealthCheck by a bucket of its own the layer takes its floor (50 at once, then 150 at 0.5/s:
/// 300 s) and the other work keeps most of the account's rate. With one shared rate (the client before per-operation
/// buckets) each create throttle cut the rate of every operation: the second test shows what that cost.
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperationRateLayerTests(ITestOutputHelper log)
{
    private const int Checks = 200;
    private static readonly TimeSpan Floor = TimeSpan.FromSeconds(Checks - 50) / 0.5;

    [Fact]
    public void Two_hundred_new_checks_take_their_floor_and_leave_the_account_rate_to_the_other_work()
    {
        var result = Simulate(Route53OperationLimits.Documented);

        Assert.Equal(Checks * LayerSimulation.RequestsPerUnit, result.Accepted);
        Assert.True(result.Elapsed <= Floor * 1.1, $"the layer took {result.Elapsed.TotalSeconds:F1} s against a floor of {Floor}");
        Assert.True(result.Throttled <= Checks / 20, $"{result.Throttled} of the layer's requests were throttled");
        // The account's 10/s less the layer's ~1/s: record changes must not be dragged down to the create rate.
        Assert.True(result.BackgroundRate >= 7, $"the other work went at {result.BackgroundRate:F2}/s");
        Assert.True(result.EndRate >= 8, $"the account-wide rate ended at {result.EndRate:F2}/s");
    }

    [Fact]
    public void When_another_tool_spends_half_the_create_bucket_its_throttles_cut_the_create_rate_not_the_accounts()
    {
        // The account's create bucket refills at 0.25/s for this client: the other half goes to another tool.
        var shared = new Dictionary<string, Aws.Http.OperationLimit>(Route53OperationLimits.Documented)
        {
            ["CreateHealthCheck"] = new(50, 0.25),
        };
        var result = Simulate(Route53OperationLimits.Documented, shared);

        var floor = TimeSpan.FromSeconds(Checks - 50) / 0.25;
        Assert.Equal(Checks * LayerSimulation.RequestsPerUnit, result.Accepted);
        Assert.True(result.Elapsed <= floor * 1.2, $"the layer took {result.Elapsed.TotalSeconds:F1} s against a floor of {floor}");
        Assert.True(result.BackgroundRate >= 7, $"the other work went at {result.BackgroundRate:F2}/s");
    }

    [Fact]
    public void A_process_that_finds_the_create_bucket_spent_elsewhere_leaves_the_account_rate_alone()
    {
        // Another process of the account (a second Lambda container, the CLI) spent the 50 creates just before: this
        // client's copy of the bucket is full, Route 53's is empty. Its first throttle shows it; the rest must not each
        // cut the rate every operation shares.
        var result = new LayerSimulation
        {
            Units = Checks, BackgroundSenders = 1, AccountOperations = Route53OperationLimits.Documented, CreatesSpentElsewhere = 50,
            Client = new Route53ClientOptions { OperationLimits = Route53OperationLimits.Documented },
        }.Run();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Accepted} layer requests in {result.Elapsed.TotalSeconds:F1} s, {result.Throttled} throttled; " +
            $"other work {result.BackgroundRate:F2}/s"));

        var floor = TimeSpan.FromSeconds(Checks) / 0.5;
        Assert.Equal(Checks * LayerSimulation.RequestsPerUnit, result.Accepted);
        Assert.True(result.Elapsed <= floor * 1.1, $"the layer took {result.Elapsed.TotalSeconds:F1} s against a floor of {floor}");
        Assert.True(result.Throttled <= 10, $"{result.Throttled} of the layer's requests were throttled");
        Assert.True(result.BackgroundRate >= 8, $"the other work went at {result.BackgroundRate:F2}/s");
    }

    [Fact]
    public void One_shared_rate_lets_create_throttles_drag_every_operation_down()
    {
        var result = Simulate(Route53OperationLimits.None);

        Assert.True(result.Throttled > Checks / 5, $"only {result.Throttled} of the layer's requests were throttled");
        Assert.True(result.BackgroundRate < 4, $"the other work still went at {result.BackgroundRate:F2}/s");
    }

    private LayerSimulation.Result Simulate(IReadOnlyDictionary<string, Aws.Http.OperationLimit> clientLimits,
        IReadOnlyDictionary<string, Aws.Http.OperationLimit>? accountLimits = null)
    {
        var result = new LayerSimulation
        {
            Units = Checks, BackgroundSenders = 1, AccountOperations = accountLimits ?? Route53OperationLimits.Documented,
            Client = new Route53ClientOptions { OperationLimits = clientLimits },
        }.Run();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Accepted} layer requests in {result.Elapsed.TotalSeconds:F1} s, " +
            $"{result.Throttled} throttled, {result.Cuts} account cut(s), account rate ending at {result.EndRate:F2}/s; " +
            $"other work {result.BackgroundAccepted} requests ({result.BackgroundRate:F2}/s)"));
        return result;
    }
}
