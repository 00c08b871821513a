using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Failover.Service.Ports;
using Failover.Service.Workflow;
using Failover.Store;

namespace Failover.Aws.Tests.Progress;

/// <summary>
/// DynamoDB that takes a request and never answers (a stalled connection, an overloaded endpoint): the SDK gives up
/// when the attempt's timeout passes and throws <see cref="TimeoutException"/>, which is neither of its own exception
/// types. The store must give it as a retryable failure, so a workflow step fails with <c>TransientFailure</c> (Step
/// Functions tries it again) rather than with an unknown error that rolls the whole run back — which is what a
/// 2,000-leaf apply on a loaded machine did, and its rollback after it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class SilentServiceTests
{
    [Fact]
    public async Task A_DynamoDB_call_that_times_out_is_a_retryable_failure_and_a_transient_step_failure()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var held = new List<TcpClient>();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true) held.Add(await listener.AcceptTcpClientAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
        var endpoint = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromMilliseconds(500), MaxErrorRetry = 0,
        });
        var store = new ProgressStore(dynamo, "failover-progress", TimeProvider.System);

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => store.GetTreeAsync("www"));

        Assert.True(failure.IsRetryable, failure.ToString());
        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Equal(WorkflowErrors.Transient, WorkflowStepException.Classify(failure)?.ErrorName);
        listener.Stop();
        await accepting;
        foreach (var client in held) client.Dispose();
    }
}
