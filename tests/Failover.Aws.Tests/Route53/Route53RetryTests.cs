using System.Net;
using Failover.Aws.Route53;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;
using Failover.Aws.Tests.Http;
using Failover.Core.Route53;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.Route53;

/// <summary>Retries against a loopback server that answers as Route 53 does when it throttles, is busy or drops the line.</summary>
[Trait("Category", "EndToEnd")]
public sealed class Route53RetryTests
{
    private static readonly ChangeBatch Batch = new([new RecordChange(ChangeAction.Create,
        new ResourceRecordSet { Name = "www.example.com", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.1"] })]);

    [Fact]
    public async Task Throttling_is_retried_with_capped_exponential_backoff_until_it_succeeds()
    {
        await using var server =
            new LoopbackServer(Route53Answers.Throttling, Route53Answers.Throttling, Route53Answers.Throttling, Route53Answers.Throttling,
            Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time, maxRetries: 5);

        var change = await client.ChangeResourceRecordSetsAsync("Z1", Batch);

        Assert.Equal("C2682N5HXP0BZ4", change.Id);
        Assert.Equal(5, server.Received.Count);
        // Ceilings 100, 200, 300 (capped), 300 ms; the jitter source always draws one half.
        Assert.Equal(new[] { 50, 100, 150, 150 }, time.Delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task Throttling_beyond_the_retry_limit_surfaces_as_a_throttling_error()
    {
        await using var server = new LoopbackServer(Route53Answers.Throttling);
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time, maxRetries: 2);

        var error = await Assert.ThrowsAsync<Route53ThrottlingException>(() => client.GetChangeAsync("C1"));

        Assert.Equal("Throttling", error.Code);
        Assert.Equal("0c1b2a3d-1111-2222-3333-444455556666", error.RequestId);
        Assert.True(error.IsRetryable);
        Assert.Equal(3, server.Received.Count);
        Assert.Equal(2, time.Delays.Count);
    }

    [Theory]
    [InlineData(503, "SlowDown")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(400, "PriorRequestNotComplete")]
    public async Task Busy_answers_are_retried(int status, string code)
    {
        await using var server =
            new LoopbackServer(Route53Answers.Error(status, code, "try later", "Receiver"), Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        await client.ChangeResourceRecordSetsAsync("Z1", Batch);

        Assert.Equal(2, server.Received.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(50), Assert.Single(time.Delays));
    }

    [Theory]
    [InlineData(500, "InternalFailure")]
    [InlineData(503, "ServiceUnavailable")]
    [InlineData(502, "BadGateway")]
    public async Task A_server_error_on_a_change_batch_is_not_sent_again_it_may_have_been_applied(int status, string code)
    {
        await using var server = new LoopbackServer(Route53Answers.Error(status, code, "oops", "Receiver"), Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => client.ChangeResourceRecordSetsAsync("Z1", Batch));

        Assert.Equal("ChangeResourceRecordSets", error.Operation);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.True(error.IsRetryable);
        Assert.Single(server.Received);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task A_server_error_on_a_read_is_retried()
    {
        await using var server =
            new LoopbackServer(Route53Answers.Error(500, "InternalFailure", "oops", "Receiver"), Route53Answers.ChangeInfo());
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        await client.GetChangeAsync("C2682N5HXP0BZ4");

        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_change_batch_whose_answer_was_lost_is_not_sent_again()
    {
        await using var server = new LoopbackServer(CannedAnswer.Dropped, Route53Answers.ChangeInfo());
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<OutcomeUnknownException>(() => client.ChangeResourceRecordSetsAsync("Z1", Batch));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_change_batch_the_caller_marks_repeatable_is_sent_again_when_its_answer_was_lost()
    {
        await using var server = new LoopbackServer(CannedAnswer.Dropped, Route53Answers.ChangeInfo());
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var change = await client.ChangeResourceRecordSetsAsync("Z1", Batch, retryWhenResponseLost: true);

        Assert.Equal("C2682N5HXP0BZ4", change.Id);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task A_health_check_whose_answer_was_lost_is_created_again_under_the_same_caller_reference()
    {
        await using var server = new LoopbackServer(CannedAnswer.Dropped, Route53Answers.HealthCheck(reference: "ref-1"));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());

        var check =
            await client.CreateHealthCheckAsync("ref-1", new HealthCheckConfig { Type = "TCP", IpAddress = "192.0.2.1", Port = 80 });

        Assert.Equal("ref-1", check.CallerReference);
        Assert.Equal(2, server.Received.Count);
        Assert.Equal(server.Received[0].Body, server.Received[1].Body);
    }

    [Fact]
    public async Task A_change_batch_that_never_reached_Route53_is_sent_again()
    {
        // A port nobody listens on: the connection is refused, so the batch cannot have been applied.
        Uri closed;
        await using (var probe = new LoopbackServer(Route53Answers.ChangeInfo())) closed = probe.Url;
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(closed, time, maxRetries: 3);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.ChangeResourceRecordSetsAsync("Z1", Batch));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(new[] { 50, 100, 150 }, time.Delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task Errors_the_caller_must_fix_are_not_retried()
    {
        await using var server = new LoopbackServer(Route53Answers.Error(400, "InvalidInput", "Invalid XML"));
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => client.ChangeResourceRecordSetsAsync("Z1", Batch));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Single(server.Received);
        Assert.Empty(time.Delays);
    }

    [Fact]
    public async Task Waiting_for_a_change_polls_until_it_is_in_sync()
    {
        await using var server =
            new LoopbackServer(Route53Answers.ChangeInfo(status: "PENDING"), Route53Answers.ChangeInfo(status: "PENDING"),
            Route53Answers.ChangeInfo(status: "INSYNC"));
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        var change = await client.WaitForChangeAsync("/change/C2682N5HXP0BZ4", TimeSpan.FromSeconds(2));

        Assert.True(change.IsInSync);
        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal("/2013-04-01/change/C2682N5HXP0BZ4", r.PathAndQuery));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, time.Delays);
    }

    [Fact]
    public async Task A_change_pending_past_the_timeout_is_reported_by_id()
    {
        await using var server = new LoopbackServer(Route53Answers.ChangeInfo(status: "PENDING"));
        var time = new InstantTimeProvider();
        var client = LoopbackRoute53.Client(server.Url, time);

        var error =
            await Assert.ThrowsAsync<TimeoutException>(() =>
            client.WaitForChangeAsync("C2682N5HXP0BZ4", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(35)));

        Assert.Contains("C2682N5HXP0BZ4", error.Message);
        Assert.Contains("PENDING", error.Message);
        Assert.Equal(4, server.Received.Count);
    }
}
