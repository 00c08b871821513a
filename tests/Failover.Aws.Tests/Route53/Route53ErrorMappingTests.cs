using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.Tests.Http;
using Failover.Core.Route53;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.Route53;

/// <summary>Route 53's error documents, sent by a loopback server, become the typed exceptions callers catch.</summary>
[Trait("Category", "EndToEnd")]
public sealed class Route53ErrorMappingTests
{
    [Fact]
    public async Task A_refused_batch_carries_every_message_Route53_gave()
    {
        await using var server = new LoopbackServer(Route53Answers.InvalidChangeBatch(
            "[Tried to create resource record set [name='www.example.com.', type='A'] but it already exists]",
            "[RRSet of type CNAME with DNS name api.example.com. is not permitted at apex in zone example.com.]"));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider());
        var batch =
            new ChangeBatch(
            [
            new RecordChange(ChangeAction.Create,
            new ResourceRecordSet { Name = "www.example.com", Type = "A", Ttl = 60, ResourceRecords = ["192.0.2.1"] })]);

        var error = await Assert.ThrowsAsync<InvalidChangeBatchException>(() => client.ChangeResourceRecordSetsAsync("Z1", batch));

        Assert.Equal(2, error.Messages.Count);
        Assert.Contains("already exists", error.Messages[0]);
        Assert.Contains("not permitted at apex", error.Messages[1]);
        Assert.Equal("5d6e7f80-aaaa-bbbb-cccc-ddddeeeeffff", error.RequestId);
        Assert.False(error.IsRetryable);
        Assert.Single(server.Received);
    }

    [Theory]
    [InlineData(409, "HealthCheckAlreadyExists", typeof(HealthCheckAlreadyExistsException))]
    [InlineData(400, "HealthCheckInUse", typeof(HealthCheckInUseException))]
    [InlineData(404, "NoSuchHealthCheck", typeof(NoSuchHealthCheckException))]
    [InlineData(404, "NoSuchHostedZone", typeof(NoSuchHostedZoneException))]
    [InlineData(400, "InvalidInput", typeof(InvalidInputException))]
    [InlineData(400, "Throttling", typeof(Route53ThrottlingException))]
    [InlineData(400, "PriorRequestNotComplete", typeof(PriorRequestNotCompleteException))]
    [InlineData(403, "AccessDenied", typeof(Route53Exception))]
    public async Task Each_error_code_maps_to_its_exception(int status, string code, Type expected)
    {
        await using var server = new LoopbackServer(Route53Answers.Error(status, code, $"message for {code}"));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider(), maxRetries: 0);

        var error = await Assert.ThrowsAnyAsync<Route53Exception>(() => client.DeleteHealthCheckAsync("abc"));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.Code);
        Assert.Equal((int)status, (int)error.StatusCode);
        Assert.Equal($"message for {code}", error.ServiceMessage);
        Assert.Equal($"{code}: message for {code}", error.Message);
    }

    [Fact]
    public async Task An_error_without_a_body_still_names_its_status()
    {
        await using var server = new LoopbackServer(new CannedAnswer(502, ""));
        var client = LoopbackRoute53.Client(server.Url, new InstantTimeProvider(), maxRetries: 0);

        var error = await Assert.ThrowsAnyAsync<Route53Exception>(() => client.GetHostedZoneAsync("Z1"));

        Assert.Equal(502, (int)error.StatusCode);
        Assert.True(error.IsRetryable);
    }
}
