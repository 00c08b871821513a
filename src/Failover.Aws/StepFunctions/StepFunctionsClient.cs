using Failover.Service.Ports;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon;
using Amazon.Runtime;
using Failover.Aws.Http;

namespace Failover.Aws.StepFunctions;

/// <summary>
/// A typed Step Functions client (JSON 1.0, <c>X-Amz-Target: AWSStepFunctions.*</c>) limited to the operations the
/// service uses: running the apply workflow, and creating its state machine on the local stack.
/// </summary>
public sealed class StepFunctionsClient : IExecutions
{
    private const string ContentType = "application/x-amz-json-1.0";
    private static readonly HttpClient SharedHttp = new();
    private static readonly StepFunctionsJsonContext Json = StepFunctionsJsonContext.Default;
    private readonly AwsHttpTransport _transport;

    public StepFunctionsClient(
        StepFunctionsClientOptions options, HttpClient? http = null, AWSCredentials? credentials = null, TimeProvider? time = null,
            Random? random = null)
    {
        options.Validate();
        Options = options;
        var signer =
            new AwsRequestSigner(credentials ?? AwsEnvironment.DefaultCredentials(), RegionEndpoint.GetBySystemName(options.Region),
            "states");
        _transport =
            new AwsHttpTransport(http ?? SharedHttp, options.ResolvedEndpoint, signer, options.Retry, StepFunctionsErrorReader.Read, time,
            random);
    }

    /// <summary>A client configured from the environment (region, <c>AWS_ENDPOINT_URL_SFN</c>, credentials chain).</summary>
    public static StepFunctionsClient FromEnvironment() => new(StepFunctionsClientOptions.FromEnvironment());

    public StepFunctionsClientOptions Options { get; }

    /// <summary>
    /// Starts an execution. With a <paramref name="name"/> it is safe to send again: Step Functions answers a repeat
    /// (same name and input, execution still running) with the same execution.
    /// </summary>
    async Task<string> IExecutions.StartAsync(string stateMachineArn, string input, string name, CancellationToken cancellationToken) =>
        (await StartExecutionAsync(stateMachineArn, input, name, cancellationToken).ConfigureAwait(false)).ExecutionArn;

    public Task<StartedExecution> StartExecutionAsync(string stateMachineArn, string? input = null, string? name = null,
        CancellationToken cancellationToken = default) =>
        CallAsync("StartExecution", new StartExecutionRequest(stateMachineArn, name, input), Json.StartExecutionRequest,
            Json.StartedExecution,
            safeToRepeat: name is not null, cancellationToken);

    public Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        CallAsync("DescribeExecution", new ExecutionArnRequest(executionArn), Json.ExecutionArnRequest, Json.ExecutionDescription,
            true, cancellationToken);

    public async Task<HistoryPage> GetExecutionHistoryAsync(
        string executionArn, string? nextToken = null, int? maxResults = null, bool reverseOrder = false,
            CancellationToken cancellationToken = default)
    {
        var response =
            await CallAsync("GetExecutionHistory",
            new GetExecutionHistoryRequest(executionArn, maxResults, reverseOrder ? true : null, nextToken),
            Json.GetExecutionHistoryRequest, Json.GetExecutionHistoryResponse, true, cancellationToken).ConfigureAwait(false);
        return new HistoryPage(response.Events ?? [], response.NextToken);
    }

    /// <summary>The whole history, oldest event first, page by page.</summary>
    public async IAsyncEnumerable<HistoryEvent> GetFullExecutionHistoryAsync(
        string executionArn, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? token = null;
        do
        {
            var page = await GetExecutionHistoryAsync(executionArn, token, pageSize, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Events) yield return item;
            token = page.NextToken;
        } while (token is not null);
    }

    /// <summary>Stops a running execution; returns when Step Functions recorded the stop.</summary>
    public async Task<DateTimeOffset> StopExecutionAsync(string executionArn, string? error = null, string? cause = null,
        CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("StopExecution", new StopExecutionRequest(executionArn, error, cause),
            Json.StopExecutionRequest, Json.StopExecutionResponse, true, cancellationToken).ConfigureAwait(false);
        return response.StopDate;
    }

    /// <param name="statusFilter">RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED; all when null.</param>
    public async Task<ExecutionPage> ListExecutionsAsync(
        string stateMachineArn, string? statusFilter = null, string? nextToken = null, int? maxResults = null,
            CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListExecutions", new ListExecutionsRequest(stateMachineArn, statusFilter, maxResults, nextToken),
            Json.ListExecutionsRequest, Json.ListExecutionsResponse, true, cancellationToken).ConfigureAwait(false);
        return new ExecutionPage(response.Executions ?? [], response.NextToken);
    }

    /// <summary>
    /// Creates a state machine. Step Functions answers a repeat with the same name and definition with the machine
    /// it created, so a lost answer is safe to send again.
    /// </summary>
    public Task<CreatedStateMachine> CreateStateMachineAsync(
        string name, string definition, string roleArn, string type = "STANDARD", CancellationToken cancellationToken = default) =>
        CallAsync("CreateStateMachine", new CreateStateMachineRequest(name, definition, roleArn, type),
            Json.CreateStateMachineRequest, Json.CreatedStateMachine, true, cancellationToken);

    public async Task<DateTimeOffset> UpdateStateMachineAsync(
        string stateMachineArn, string? definition = null, string? roleArn = null, CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("UpdateStateMachine", new UpdateStateMachineRequest(stateMachineArn, definition, roleArn),
            Json.UpdateStateMachineRequest, Json.UpdateStateMachineResponse, true, cancellationToken).ConfigureAwait(false);
        return response.UpdateDate;
    }

    public async Task<StateMachinePage> ListStateMachinesAsync(string? nextToken = null, int? maxResults = null,
        CancellationToken cancellationToken = default)
    {
        var response = await CallAsync("ListStateMachines", new ListStateMachinesRequest(maxResults, nextToken),
            Json.ListStateMachinesRequest, Json.ListStateMachinesResponse, true, cancellationToken).ConfigureAwait(false);
        return new StateMachinePage(response.StateMachines ?? [], response.NextToken);
    }

    public Task<StateMachineDescription> DescribeStateMachineAsync(string stateMachineArn, CancellationToken cancellationToken = default) =>
        CallAsync("DescribeStateMachine", new StateMachineArnRequest(stateMachineArn), Json.StateMachineArnRequest,
            Json.StateMachineDescription, true, cancellationToken);

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest body, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, bool safeToRepeat,
        CancellationToken cancellationToken)
    {
        var request = new AwsRequest(operation, HttpMethod.Post, "/")
        {
            Body = JsonSerializer.SerializeToUtf8Bytes(body, requestType),
            ContentType = ContentType,
            Headers = new Dictionary<string, string> { ["X-Amz-Target"] = "AWSStepFunctions." + operation },
            SafeToRepeat = safeToRepeat,
        };
        var response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(response.Body, responseType)
            ?? throw new FormatException($"Step Functions answered {operation} with an empty document.");
    }
}
