using System.Text;
using System.Text.Json.Nodes;
using Failover.Local.Aws;
using Failover.Testing;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>Signed Step Functions (JSON 1.0) calls for the tests, and a bounded wait for an execution to finish.</summary>
public sealed class StepFunctionsWire(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = SignedHttp.Create("states", endpoint);

    public async Task<JsonNode> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.Add("X-Amz-Target", "AWSStepFunctions." + operation);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<string> CreateAsync(string name, string definition) =>
        (await CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = name,
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/test",
        }))["stateMachineArn"]!.GetValue<string>();

    /// <summary>Starts an execution and returns DescribeExecution once it has left RUNNING (at most a minute).</summary>
    public async Task<JsonNode> RunAsync(string stateMachineArn, string input)
    {
        var executionArn = (await CallAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = stateMachineArn,
            ["name"] = "run-" + Guid.NewGuid().ToString("N"),
            ["input"] = input,
        }))["executionArn"]!.GetValue<string>();
        return await Eventually.ReachAsync($"execution {executionArn} to leave RUNNING",
            _ => CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn }),
            execution => execution["status"]!.GetValue<string>() != "RUNNING",
            within: TimeSpan.FromMinutes(1), every: TimeSpan.FromMilliseconds(100));
    }

    public void Dispose() => _http.Dispose();
}
