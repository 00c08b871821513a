using System.Text;
using System.Text.Json.Nodes;
using Failover.Local.Aws;

namespace Failover.EndToEnd.Tests.LocalStack;

[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LambdaInvokeTests(LocalStackFixture fixture)
{
    [Fact]
    public async Task The_AWS_CLI_invokes_Echo_with_a_signed_request_and_gets_its_payload_back()
    {
        var output = Path.GetTempFileName();
        try
        {
            var result = await AwsCli.RunAsync(fixture.EdgeUrl,
                "lambda", "invoke", "--function-name", "Echo", "--payload", """{"tree":"shop","layer":2}""", "--output", "json", output);

            Assert.True(result.ExitCode == 0, result.Error);
            var metadata = JsonNode.Parse(result.Output)!;
            Assert.Equal(200, metadata["StatusCode"]!.GetValue<int>());
            Assert.Null(metadata["FunctionError"]);
            Assert.Equal("""{"tree":"shop","layer":2}""", await File.ReadAllTextAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task An_unknown_function_is_ResourceNotFoundException_as_Lambda_answers()
    {
        var output = Path.GetTempFileName();
        try
        {
            var result = await AwsCli.RunAsync(fixture.EdgeUrl,
                "lambda", "invoke", "--function-name", "arn:aws:lambda:us-east-1:123456789012:function:Missing", output);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("(ResourceNotFoundException)", result.Error);
            Assert.Contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:Missing", result.Error);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("Echo")]
    [InlineData("Echo:live")]
    [InlineData("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3AEcho")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Echo:live")]
    [InlineData("123456789012:function:Echo")]
    public async Task Every_form_of_function_name_reaches_the_function(string functionName)
    {
        using var lambda = SignedHttp.Create("lambda", fixture.EdgeUrl);

        using var response = await lambda.PostAsync($"/2015-03-31/functions/{functionName}/invocations",
            new StringContent("""{"n":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("""{"n":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_throwing_function_is_an_Unhandled_function_error_with_Lambdas_error_document()
    {
        using var lambda = SignedHttp.Create("lambda", fixture.EdgeUrl);

        using var response = await lambda.PostAsync($"/2015-03-31/functions/{LocalStackFixture.FailingFunction}/invocations",
            new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("InvalidOperationException", error["errorType"]!.GetValue<string>());
        Assert.Equal("the function failed on purpose", error["errorMessage"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_Event_invocation_is_accepted_with_202_and_no_body()
    {
        using var lambda = SignedHttp.Create("lambda", fixture.EdgeUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/Echo/invocations")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Amz-Invocation-Type", "Event");

        using var response = await lambda.SendAsync(request);

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
