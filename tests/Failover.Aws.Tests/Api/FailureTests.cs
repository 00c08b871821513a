using System.Net;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Aws.Http;

namespace Failover.Aws.Tests.Api;

[Trait("Category", "Unit")]
public sealed class FailureTests
{
    [Fact]
    public async Task An_internal_failure_is_500_without_a_trace_and_the_log_has_it_under_the_correlation_id()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.Zone.Failure = new InvalidOperationException("secret internals at Foo.Bar()");

        var response = await api.SendAsync("GET", "/trees/status/plan");

        Assert.Equal(500, response.StatusCode);
        var body = response.BodyText;
        Assert.DoesNotContain("secret internals", body);
        Assert.DoesNotContain("   at ", body);
        Assert.Equal("req-1", ApiHarness.Json(response).GetProperty("correlationId").GetString());
        var line = Assert.Single(api.Log.Lines, l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal(("InvalidOperationException", "secret internals at Foo.Bar()"),
            (line.GetProperty("error_type").GetString(), line.GetProperty("error_message").GetString()));
        Assert.Equal("req-1", line.GetProperty("correlation_id").GetString());
        Assert.Equal("status", line.GetProperty("tree").GetString());
    }

    [Fact]
    public async Task AWS_throttling_after_retries_is_503_with_Retry_After_and_other_AWS_errors_502()
    {
        var api = new ApiHarness();
        api.StoreTree();
        api.Zone.Failure = new AwsServiceException("Throttling", "Rate exceeded", HttpStatusCode.BadRequest, "r", isRetryable: true);
        var busy = await api.SendAsync("GET", "/trees/status/plan");
        Assert.Equal(503, busy.StatusCode);
        Assert.Equal("5", busy.Headers["retry-after"]);

        api.Zone.Failure =
            new AwsServiceException("NoSuchHostedZone", "No hosted zone found", HttpStatusCode.NotFound, "r", isRetryable: false);
        var missing = await api.SendAsync("GET", "/trees/status/plan");
        Assert.Equal(502, missing.StatusCode);
        Assert.Contains("NoSuchHostedZone", ApiHarness.Json(missing).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_AWS_error_text_is_logged_under_the_correlation_id_and_never_returned()
    {
        var api = new ApiHarness();
        api.StoreTree();
        const string leaky = "User: arn:aws:sts::123456789012:assumed-role/failover-api/x is not authorized to perform "
            + "route53:ListResourceRecordSets";
        api.Zone.Failure = new AwsServiceException("AccessDenied", leaky, HttpStatusCode.Forbidden, "r", isRetryable: false);

        var response = await api.SendAsync("GET", "/trees/status/plan");

        Assert.Equal(502, response.StatusCode);
        Assert.DoesNotContain("arn:aws", response.BodyText);
        Assert.Contains("AccessDenied", response.BodyText);
        Assert.Contains("req-1", ApiHarness.Json(response).GetProperty("detail").GetString());
        var line = Assert.Single(api.Log.Lines, l => l.GetProperty("level").GetString() == "ERROR");
        Assert.Equal("AwsServiceException", line.GetProperty("error_type").GetString());
        Assert.Contains("arn:aws", line.GetProperty("error_message").GetString());
        Assert.Equal("req-1", line.GetProperty("correlation_id").GetString());
    }

    [Theory]
    [InlineData("GET", "/trees")]
    [InlineData("GET", "/nowhere")]
    [InlineData("GET", "/trees/status/plan")]
    public async Task Every_answer_says_nosniff(string method, string path)
    {
        var api = new ApiHarness();
        api.StoreTree();

        var response = await api.SendAsync(method, path);

        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
    }

    [Fact]
    public async Task The_callers_correlation_id_is_used_echoed_and_logged_with_the_run_id()
    {
        var api = new ApiHarness();
        var response =
            await api.SendAsync("POST", "/trees", Specs.Failover(),
            headers: new Dictionary<string, string> { ["X-Correlation-Id"] = "deploy-42" });

        Assert.Equal("deploy-42", response.Headers["x-correlation-id"]);
        var started = Assert.Single(api.Log.Lines, l => l.GetProperty("message").GetString() == "run started");
        Assert.Equal("deploy-42", started.GetProperty("correlation_id").GetString());
        var handled = Assert.Single(api.Log.Lines, l => l.GetProperty("message").GetString() == "request handled");
        Assert.Equal("run-1", handled.GetProperty("run_id").GetString());
        Assert.Equal(202, handled.GetProperty("status").GetInt32());
        Assert.Equal("POST /trees", handled.GetProperty("route").GetString());
        // The run carries it too: the launcher passes it into the execution, whose steps log it.
        Assert.Equal("deploy-42", Assert.Single(api.Runs.Calls).CorrelationId);
    }

    [Fact]
    public async Task A_correlation_id_that_is_not_a_plain_token_is_replaced_by_the_request_id()
    {
        var response = await new ApiHarness()
            .SendAsync("GET", "/trees", headers: new Dictionary<string, string> { ["x-correlation-id"] = "bad id\n" });
        Assert.Equal("req-1", response.Headers["x-correlation-id"]);
    }
}
