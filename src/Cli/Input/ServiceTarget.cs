using Failover.Aws.Clients;
using Amazon.DynamoDBv2;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;

namespace Failover.Cli.Input;

/// <summary>
/// Where the commands that touch AWS send their calls: <c>--endpoint URL</c> (every service at one URL, as the local
/// stack's edge serves them), else <c>AWS_ENDPOINT_URL</c>, else the local stack at http://127.0.0.1:4566.
/// <c>--endpoint aws</c> means the real AWS endpoints, with the SDK's credential chain and region.
/// </summary>
public sealed record ServiceTarget(Uri? Endpoint, string TableName, double RequestsPerSecond)
{
    public const string LocalStack = "http://127.0.0.1:4566";
    public const string DefaultTable = "failover-progress";

    public static ServiceTarget Resolve(string? endpoint, string? table, double? requestsPerSecond)
    {
        endpoint ??= Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? LocalStack;
        Uri? uri = null;
        if (!string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            throw new CliUsageException($"--endpoint must be an http(s) URL or 'aws'; it is '{endpoint}'");
        if (requestsPerSecond is <= 0) throw new CliUsageException("--rate must be a positive number of requests per second");
        return new ServiceTarget(uri, table ?? DefaultTable, requestsPerSecond ?? 5);
    }

    public bool IsLocal => Endpoint is not null;

    public Route53Client Route53()
    {
        var options =
            Route53ClientOptions.FromEnvironment() with { RequestsPerSecond = RequestsPerSecond,
            Burst = Math.Max(1, (int)RequestsPerSecond) };
        if (Endpoint is not null) options = options with { Endpoint = Endpoint };
        return new Route53Client(options, credentials: LocalCredentials());
    }

    /// <summary>Step Functions: the local stack's region when local, else the SDK's region resolution.</summary>
    public StepFunctionsClient StepFunctions()
    {
        var options = Endpoint is not null
            ? new StepFunctionsClientOptions { Region = Environment.GetEnvironmentVariable("AWS_REGION") ?? "us-east-1",
                Endpoint = Endpoint }
            : StepFunctionsClientOptions.FromEnvironment();
        return new StepFunctionsClient(options, credentials: LocalCredentials());
    }

    public ProgressStore Progress() =>
        new(DynamoDbClientFactory.Create(Endpoint, credentials: LocalCredentials()), TableName, TimeProvider.System);

    /// <summary>The local stack takes any credentials; a newcomer without an AWS profile must not need one.</summary>
    private Amazon.Runtime.AWSCredentials? LocalCredentials() =>
        IsLocal && Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null
            ? new Amazon.Runtime.BasicAWSCredentials("local", "local")
            : null;
}
