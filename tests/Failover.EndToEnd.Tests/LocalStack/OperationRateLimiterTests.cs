using Failover.Aws.Http;
using Failover.Local.Realism;
using Microsoft.Extensions.Time.Testing;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// The realism layer's per-operation buckets beside the account's, on a fake clock ("Throttling for Amazon Route 53 API
/// requests": a request takes a token from both and is throttled if either is empty).
/// </summary>
[Trait("Category", "Unit")]
public sealed class OperationRateLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private RealismControl Control(bool operationLimits, int accountBurst = 50) => new(new RealismSettings
    {
        RateLimit = new RateLimitSettings { PerSecond = 10, Burst = accountBurst },
        OperationLimits = new OperationLimitSettings { Enabled = operationLimits },
    }, _time);

    [Fact]
    public void Creates_beyond_their_bucket_are_throttled_by_the_operation_while_other_operations_take_the_accounts_tokens()
    {
        var control = Control(operationLimits: true);
        var settings = control.Current;

        var first = Enumerable.Range(0, 50).Select(_ => control.Throttle("CreateHealthCheck", settings)).ToList();
        _time.Advance(TimeSpan.FromSeconds(5));
        // 5 s: the account has refilled 50, the create bucket 2.5.
        var later = Enumerable.Range(0, 3).Select(_ => control.Throttle("CreateHealthCheck", settings)).ToList();
        var others = Enumerable.Range(0, 48).Select(_ => control.Throttle("ChangeResourceRecordSets", settings)).ToList();

        Assert.All(first, Assert.Null);
        Assert.Equal([null, null, OperationRateLimiter.Operation], later);
        // The throttled create took no account token: the 48 left are the other operations'.
        Assert.All(others, Assert.Null);
        Assert.Equal(OperationRateLimiter.Account, control.Throttle("GetHostedZone", settings));
    }

    [Fact]
    public void A_request_the_account_throttles_takes_no_token_from_its_operation()
    {
        var control = Control(operationLimits: true, accountBurst: 1);
        var settings = control.Current;

        Assert.Null(control.Throttle("GetHealthCheckStatus", settings));
        Assert.Equal(OperationRateLimiter.Account, control.Throttle("GetHealthCheckStatus", settings));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        // GetHealthCheckStatus' bucket (4, 1/s) lost one token only, to the request that went.
        Assert.Null(control.Throttle("GetHealthCheckStatus", settings));
    }

    [Fact]
    public void Off_by_default_so_only_the_account_limits()
    {
        var control = new RealismControl(new RealismSettings { RateLimit = new RateLimitSettings { PerSecond = 10, Burst = 100 } }, _time);

        var answers = Enumerable.Range(0, 60).Select(_ => control.Throttle("CreateHealthCheck", control.Current));

        Assert.All(answers, Assert.Null);
        Assert.Empty(control.Current.ClientOperationLimits);
    }

    [Fact]
    public void Settings_change_one_operation_and_refuse_an_unknown_one()
    {
        var changed = RealismSettingsJson.Apply(new RealismSettings(),
            """{"operationLimits":{"enabled":true,"limits":{"CreateHealthCheck":{"perSecond":1}}}}""");

        Assert.Equal(new OperationLimit(50, 1), changed.OperationLimits.Limits["CreateHealthCheck"]);
        Assert.Equal(new OperationLimit(15, 3), changed.OperationLimits.Limits["DeleteHealthCheck"]);
        Assert.Equal(changed.OperationLimits.Limits, changed.ClientOperationLimits);
        var unknown = RealismSettingsJson.Apply(new RealismSettings(), """{"operationLimits":{"limits":{"MakeCoffee":{"burst":1}}}}""");
        Assert.Contains(unknown.Validate(), error => error.Contains("'MakeCoffee'", StringComparison.Ordinal));
    }
}
