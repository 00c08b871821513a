using Failover.EndToEnd.Tests.Workflow;
using Failover.Local.Drift;
using Failover.Testing.Stack;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// A local stack whose HTTP API refuses requests not SigV4-signed for execute-api with the local credentials, as a
/// deployment's IAM authorisation does; and an AWS config file whose profiles a CLI user signs with: <c>api-user</c>
/// (the local credentials) and <c>intruder</c> (a wrong secret).
/// </summary>
public sealed class SignedApiStackFixture : IAsyncLifetime
{
    public const string Profile = "api-user";
    public const string WrongProfile = "intruder";

    private TestStack? _stack;
    private string? _config;

    public Local.LocalStack Stack => (_stack ?? throw new InvalidOperationException("the local stack is not started")).Local;
    public ApiClient Api { get; private set; } = null!;

    internal WorkflowTestSupport Support => new(Stack.EdgeUrl, _stack!.ZoneId);

    public async Task InitializeAsync()
    {
        _stack = await new TestStackBuilder()
            .WithApiSignatureRequired()
            .WithDrift(new DriftEmulationSettings { ScheduleInterval = null, MetricsOutput = TextWriter.Null })
            .StartAsync();
        Api = new ApiClient(Stack.ApiUrl);
        // No other test in this process names a profile, and the default chain of the others finds the environment's keys first.
        _config = Path.Combine(Path.GetTempPath(), $"failover-signed-{Guid.NewGuid():N}.credentials");
        await File.WriteAllTextAsync(_config, $"""
            [{Profile}]
            region = us-east-1
            aws_access_key_id = testing
            aws_secret_access_key = testing

            [{WrongProfile}]
            region = us-east-1
            aws_access_key_id = testing
            aws_secret_access_key = not-the-secret
            """);
        // The SDK's profile stores read where AWSConfigs says (the environment's AWS_SHARED_CREDENTIALS_FILE is read once).
        Amazon.AWSConfigs.AWSProfilesLocation = _config;
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_stack is not null) await _stack.DisposeAsync();
        if (_config is not null) File.Delete(_config);
    }
}

[CollectionDefinition(Name)]
public sealed class SignedApiStackCollection : ICollectionFixture<SignedApiStackFixture>
{
    public const string Name = "signed api stack";
}
