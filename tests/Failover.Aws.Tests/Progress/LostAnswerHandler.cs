using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Failover.Aws.Clients;

namespace Failover.Aws.Tests.Progress;

/// <summary>What the handler does to a DynamoDB call it is armed for: it lets moto apply the call, then loses the answer.</summary>
public enum LostAnswer
{
    /// <summary>The connection is cut after moto applied the call.</summary>
    Dropped,
    /// <summary>moto applied the call; the client hears <c>500 InternalServerError</c>.</summary>
    ServerError,
}

/// <summary>
/// The DynamoDB client's transport in front of moto, where a test arms a fault for the next calls of one operation
/// (<c>PutItem</c>, <c>DeleteItem</c>, …): moto applies the call and the answer is lost, as DynamoDB can do. The
/// client is configured as the service configures its own (<see cref="DynamoDbClientFactory"/>'s retries), so the
/// SDK resends, as it would in production.
/// </summary>
public sealed class LostAnswerHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentDictionary<string, (LostAnswer Kind, int Remaining)> _armed = new(StringComparer.Ordinal);
    private int _fired;

    /// <summary>The next <paramref name="times"/> calls of <paramref name="operation"/> are applied and their answers lost.</summary>
    public void Arm(string operation, LostAnswer kind, int times = 1) => _armed[operation] = (kind, times);

    public int Fired => Volatile.Read(ref _fired);

    public AmazonDynamoDBClient Client(Uri motoUrl, int? maxErrorRetry = null) => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig
        {
            ServiceURL = motoUrl.ToString(),
            AuthenticationRegion = "us-east-1",
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = maxErrorRetry ?? DynamoDbClientFactory.MaxErrorRetry,
            HttpClientFactory = new Factory(this),
        });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : "";
        var operation = target[(target.LastIndexOf('.') + 1)..];
        var response = await base.SendAsync(request, cancellationToken);
        if (!Take(operation, out var kind)) return response;
        response.Dispose();
        Interlocked.Increment(ref _fired);
        if (kind == LostAnswer.Dropped) throw new HttpRequestException("the connection was cut after DynamoDB applied the call");
        return new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal " +
                "server error\"}", Encoding.UTF8, "application/x-amz-json-1.0"),
        };
    }

    private bool Take(string operation, out LostAnswer kind)
    {
        kind = default;
        while (_armed.TryGetValue(operation, out var armed))
        {
            if (armed.Remaining <= 0) return false;
            if (_armed.TryUpdate(operation, (armed.Kind, armed.Remaining - 1), armed))
            {
                kind = armed.Kind;
                return true;
            }
        }
        return false;
    }

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
