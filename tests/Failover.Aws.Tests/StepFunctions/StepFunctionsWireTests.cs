using System.Text.Json;
using Amazon.Runtime;
using Failover.Aws.StepFunctions;
using Failover.Aws.Tests.Http;
using Failover.Aws.Tests.Route53;
using Failover.Testing.Time;

namespace Failover.Aws.Tests.StepFunctions;

/// <summary>The JSON 1.0 wire, errors and retries, checked at a loopback server answering as Step Functions does.</summary>
[Trait("Category", "EndToEnd")]
public sealed class StepFunctionsWireTests
{
    private const string Machine = "arn:aws:states:eu-west-1:123456789012:stateMachine:apply";

    private static CannedAnswer Started => new(200,
        """{"executionArn":"arn:aws:states:eu-west-1:123456789012:execution:apply:shop-v1","startDate":1767225600.125}""",
            "application/x-amz-json-1.0");

    private static CannedAnswer Error(int status, string type, string message) =>
        new(status, $$"""{"__type":"{{type}}","message":"{{message}}"}""", "application/x-amz-json-1.0");

    private static StepFunctionsClient Client(Uri endpoint, InstantTimeProvider time, int maxRetries = 3) => new(
        new StepFunctionsClientOptions { Region = "eu-west-1", Endpoint = endpoint, MaxRetries = maxRetries,
            BaseBackoff = TimeSpan.FromMilliseconds(100) },
        credentials: new BasicAWSCredentials("AKIDEXAMPLE", "secret"), time: time, random: new FixedRandom(0.5));

    [Fact]
    public async Task StartExecution_posts_json_1_0_with_its_target_signed_for_states_in_the_region()
    {
        await using var server = new LoopbackServer(Started);
        var client = Client(server.Url, new InstantTimeProvider());

        var started = await client.StartExecutionAsync(Machine, """{"tree":"shop"}""", "shop-v1");

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 125, TimeSpan.Zero), started.StartDate);
        var request = Assert.Single(server.Received);
        Assert.Equal(("POST", "/"), (request.Method, request.PathAndQuery));
        Assert.Equal("AWSStepFunctions.StartExecution", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.0", request.Headers["Content-Type"]);
        Assert.Contains("/eu-west-1/states/aws4_request", request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Machine, body.RootElement.GetProperty("stateMachineArn").GetString());
        Assert.Equal("shop-v1", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("""{"tree":"shop"}""", body.RootElement.GetProperty("input").GetString());
    }

    [Fact]
    public async Task Throttling_is_retried_with_backoff()
    {
        await using var server =
            new LoopbackServer(Error(400, "ThrottlingException", "Rate exceeded"), Error(400, "ThrottlingException", "Rate exceeded"),
            Started);
        var time = new InstantTimeProvider();
        var client = Client(server.Url, time);

        await client.StartExecutionAsync(Machine, "{}", "shop-v1");

        Assert.Equal(3, server.Received.Count);
        Assert.Equal(new[] { 50, 100 }, time.Delays.Select(d => (int)d.TotalMilliseconds));
    }

    [Fact]
    public async Task An_unnamed_execution_whose_answer_was_lost_is_not_started_again()
    {
        await using var server = new LoopbackServer(CannedAnswer.Dropped, Started);
        var client = Client(server.Url, new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<Failover.Service.Ports.OutcomeUnknownException>(
            () => client.StartExecutionAsync(Machine, "{}"));
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal("StartExecution", error.Operation);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task A_named_execution_whose_answer_was_lost_is_started_again_under_its_name()
    {
        await using var server = new LoopbackServer(CannedAnswer.Dropped, Started);
        var client = Client(server.Url, new InstantTimeProvider());

        var started = await client.StartExecutionAsync(Machine, "{}", "shop-v1");

        Assert.EndsWith(":shop-v1", started.ExecutionArn);
        Assert.Equal(2, server.Received.Count);
    }

    [Theory]
    [InlineData("com.amazonaws.states#ExecutionDoesNotExist", typeof(ExecutionDoesNotExistException), "ExecutionDoesNotExist")]
    [InlineData("ExecutionAlreadyExists", typeof(ExecutionAlreadyExistsException), "ExecutionAlreadyExists")]
    [InlineData("com.amazonaws.states#StateMachineDoesNotExist", typeof(StateMachineDoesNotExistException), "StateMachineDoesNotExist")]
    [InlineData("InvalidArn", typeof(InvalidArnException), "InvalidArn")]
    [InlineData("com.amazonaws.states#AccessDeniedException", typeof(StepFunctionsException), "AccessDeniedException")]
    public async Task Error_types_map_to_their_exceptions(string type, Type expected, string code)
    {
        await using var server = new LoopbackServer(Error(400, type, "what went wrong"));
        var client = Client(server.Url, new InstantTimeProvider());

        var error = await Assert.ThrowsAnyAsync<StepFunctionsException>(() => client.DescribeExecutionAsync("arn:x"));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.Code);
        Assert.Equal("what went wrong", error.ServiceMessage);
        Assert.Equal("loopback-1", error.RequestId);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task History_pages_follow_the_next_token_and_carry_event_details()
    {
        await using var server = new LoopbackServer(
            new CannedAnswer(200,
                """{"events":[{"id":1,"type":"ExecutionStarted","timestamp":1767225600,"executionStartedEventDetails":{"input":"{""" +
                """}","roleArn":"arn:r"}},{"id":2,"previousEventId":1,"type":"TaskStateEntered","timestamp":""" +
                """1767225601.5,"stateEnteredEventDetails":{"name":"HealthChecks","input":"{}"}}],"nextToken":"t2"}"""),
            new CannedAnswer(200,
                """{"events":[{"id":3,"previousEventId":2,"type":"ExecutionFailed","timestamp":""" +
                """1767225602,"executionFailedEventDetails":{"error":"Route53.Throttling","cause":"Rate exceeded"}}]}"""));
        var client = Client(server.Url, new InstantTimeProvider());

        var events = new List<HistoryEvent>();
        await foreach (var item in client.GetFullExecutionHistoryAsync("arn:exec", pageSize: 2)) events.Add(item);

        Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.Id));
        Assert.Equal("HealthChecks", events[1].Details!.Name);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 1, 500, TimeSpan.Zero), events[1].Timestamp);
        Assert.Equal(("Route53.Throttling", "Rate exceeded"), (events[2].Details!.Error, events[2].Details!.Cause));
        using var second = JsonDocument.Parse(server.Received[1].Body);
        Assert.Equal("t2", second.RootElement.GetProperty("nextToken").GetString());
        Assert.Equal(2, second.RootElement.GetProperty("maxResults").GetInt32());
    }

    [Fact]
    public void Options_name_the_bad_setting_and_resolve_the_sfn_endpoint()
    {
        var error = Assert.Throws<ArgumentException>(() => new StepFunctionsClientOptions { Region = "EU West" }.Validate());
        Assert.StartsWith("StepFunctionsClientOptions.Region ", error.Message);

        Func<string, string?> env = name => name switch
        {
            "AWS_ENDPOINT_URL" => "http://127.0.0.1:4566",
            "AWS_ENDPOINT_URL_SFN" => "http://127.0.0.1:8083",
            _ => null,
        };
        Assert.Equal(new Uri("http://127.0.0.1:8083"), StepFunctionsClientOptions.FromEnvironment("eu-west-1", env).ResolvedEndpoint);
        Assert.Equal(new Uri("https://states.eu-west-1.amazonaws.com"),
            StepFunctionsClientOptions.FromEnvironment("eu-west-1", _ => null).ResolvedEndpoint);
    }
}
