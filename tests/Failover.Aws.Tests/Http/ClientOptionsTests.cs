using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;

namespace Failover.Aws.Tests.Http;

[Trait("Category", "Unit")]
public sealed class ClientOptionsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_service_variable_wins_over_the_global_one_which_wins_over_AWS()
    {
        var real = Route53ClientOptions.RealEndpoint;
        Assert.Equal(real, Route53ClientOptions.FromEnvironment(Env()).Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:4566"),
            Route53ClientOptions.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"))).Endpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), Route53ClientOptions.FromEnvironment(
            Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:5000"))).Endpoint);
        Assert.Equal(real, Route53ClientOptions.FromEnvironment(
            Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4566"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).Endpoint);
    }

    [Fact]
    public void A_malformed_endpoint_variable_is_named()
    {
        var error =
            Assert.Throws<ArgumentException>(() =>
            AwsEndpointResolver.Resolve("AWS_ENDPOINT_URL_SFN", new Uri("https://states.us-east-1.amazonaws.com"),
            Env(("AWS_ENDPOINT_URL_SFN", "localhost:4566"))));
        Assert.Contains("AWS_ENDPOINT_URL_SFN", error.Message);
        Assert.Contains("localhost:4566", error.Message);
    }

    [Theory]
    [InlineData("RequestsPerSecond")]
    [InlineData("Burst")]
    [InlineData("MaxRetries")]
    [InlineData("BaseBackoff")]
    [InlineData("MaxBackoff")]
    public void Each_invalid_setting_is_named(string setting)
    {
        var options = setting switch
        {
            "RequestsPerSecond" => new Route53ClientOptions { RequestsPerSecond = 0 },
            "Burst" => new Route53ClientOptions { Burst = 0 },
            "MaxRetries" => new Route53ClientOptions { MaxRetries = -1 },
            "BaseBackoff" => new Route53ClientOptions { BaseBackoff = TimeSpan.Zero },
            _ => new Route53ClientOptions { BaseBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(1) },
        };
        var error = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.StartsWith($"Route53ClientOptions.{setting} ", error.Message);
    }

    [Theory]
    [InlineData(0, 0.5, "OperationLimits[CreateHealthCheck].Burst ")]
    [InlineData(50, 0, "OperationLimits[CreateHealthCheck].PerSecond ")]
    public void An_invalid_operation_limit_is_named_with_its_operation(int burst, double perSecond, string named)
    {
        var options = new Route53ClientOptions
        {
            OperationLimits = new Dictionary<string, OperationLimit>(Route53OperationLimits.Documented)
            {
                ["CreateHealthCheck"] = new(burst, perSecond),
            },
        };
        var error = Assert.Throws<ArgumentException>(() => options.Validate());
        Assert.StartsWith($"Route53ClientOptions.{named}", error.Message);
    }

    [Fact]
    public void The_documented_operation_buckets_pace_by_default_and_None_turns_them_off()
    {
        var time = TimeProvider.System;
        var credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret");
        var paced = new Route53Client(new Route53ClientOptions(), credentials: credentials, time: time);
        var unpaced = new Route53Client(new Route53ClientOptions { OperationLimits = Route53OperationLimits.None },
            credentials: credentials, time: time);

        Assert.Equal(new OperationLimit(50, 0.5), paced.OperationRates!.For("CreateHealthCheck")!.Limit);
        Assert.Null(paced.OperationRates.For("ChangeResourceRecordSets"));
        Assert.Null(unpaced.OperationRates);
    }

    [Fact]
    public void Backoff_ceilings_double_up_to_the_cap()
    {
        var retry = new RetryOptions(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal(new[] { 100, 200, 400, 800, 1000, 1000 }, Enumerable.Range(1, 6).Select(n => (int)retry.Ceiling(n).TotalMilliseconds));
        Assert.Equal(TimeSpan.Zero, retry.Delay(3, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(300), retry.Delay(3, 0.75));
    }
}
