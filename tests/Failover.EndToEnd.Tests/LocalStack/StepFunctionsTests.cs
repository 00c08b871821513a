using System.Text.Json.Nodes;
using Failover.Local;
using Failover.Local.Lambda;
using Failover.Local.Resources;

namespace Failover.EndToEnd.Tests.LocalStack;

/// <summary>
/// moto's Step Functions interpreter runs definitions for real and calls Lambda at http://localhost:MOTO_PORT, which
/// the stack points at the edge: these executions prove that path, which the provisioning workflow depends on.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class StepFunctionsTests(LocalStackFixture fixture)
{
    /// <summary>One Task calling the function through the lambda:invoke integration, optionally caught into a Pass state.</summary>
    private static string InvokeDefinition(string functionName, string? catchTo = null)
    {
        var call = new JsonObject
        {
            ["Type"] = "Task",
            ["Resource"] = "arn:aws:states:::lambda:invoke",
            ["Parameters"] = new JsonObject { ["FunctionName"] = LocalFunctionArn.For(functionName), ["Payload.$"] = "$" },
            ["OutputPath"] = "$.Payload",
            ["End"] = true,
        };
        var states = new JsonObject { ["Call"] = call };
        if (catchTo is not null)
        {
            call["Catch"] = new JsonArray(new JsonObject
            {
                ["ErrorEquals"] = new JsonArray("States.ALL"), ["Next"] = catchTo, ["ResultPath"] = "$.error",
            });
            states[catchTo] = new JsonObject { ["Type"] = "Pass", ["End"] = true };
        }
        return new JsonObject { ["StartAt"] = "Call", ["States"] = states }.ToJsonString();
    }

    [Fact]
    public async Task A_lambda_invoke_Task_runs_Echo_through_the_edge_and_the_execution_succeeds()
    {
        using var states = new StepFunctionsWire(fixture.EdgeUrl);
        var arn = await states.CreateAsync("echo-" + Guid.NewGuid().ToString("N")[..8], InvokeDefinition("Echo"));

        var execution = await states.RunAsync(arn, """{"tree":"shop"}""");

        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        Assert.Equal("shop", JsonNode.Parse(execution["output"]!.GetValue<string>())!["tree"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_state_machine_runs_again_after_a_run_that_called_a_function()
    {
        // moto 5.2.1 failed every StartExecution after such a run (its snapshot deep-copied the running executions); the stack's moto patch
        // fixes it.
        using var states = new StepFunctionsWire(fixture.EdgeUrl);
        var arn = await states.CreateAsync("again-" + Guid.NewGuid().ToString("N")[..8], InvokeDefinition("Echo"));

        var first = await states.RunAsync(arn, """{"run":1}""");
        var second = await states.RunAsync(arn, """{"run":2}""");

        Assert.Equal("SUCCEEDED", first["status"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", second["status"]!.GetValue<string>());
        Assert.Equal(2, JsonNode.Parse(second["output"]!.GetValue<string>())!["run"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_function_run_by_a_state_machine_can_call_AWS_through_the_edge()
    {
        using var states = new StepFunctionsWire(fixture.EdgeUrl);
        var arn =
            await states.CreateAsync("mark-" + Guid.NewGuid().ToString("N")[..8], InvokeDefinition(LocalStackFixture.MarkingFunction));
        var marker = Guid.NewGuid().ToString("N");

        var execution = await states.RunAsync(arn, $$"""{"marker":"{{marker}}"}""");

        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        using var dynamo = new Amazon.DynamoDBv2.AmazonDynamoDBClient(Failover.Local.Aws.LocalAccount.Credentials,
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = fixture.Stack.MotoUrl.ToString(),
                AuthenticationRegion = "us-east-1" });
        var item = await dynamo.GetItemAsync(LocalResourceNames.ProgressTable, new()
        {
            ["pk"] = new("test#" + marker),
            ["sk"] = new("marker"),
        });
        Assert.True(item.IsItemSet);
    }

    [Fact]
    public async Task A_failing_function_reaches_Catch_with_its_error_type()
    {
        using var states = new StepFunctionsWire(fixture.EdgeUrl);
        var arn = await states.CreateAsync("fail-" + Guid.NewGuid().ToString("N")[..8],
            InvokeDefinition(LocalStackFixture.FailingFunction, catchTo: "Recovered"));

        var execution = await states.RunAsync(arn, """{"tree":"shop"}""");

        Assert.Equal("SUCCEEDED", execution["status"]!.GetValue<string>());
        var error = JsonNode.Parse(execution["output"]!.GetValue<string>())!["error"]!;
        Assert.Equal("InvalidOperationException", error["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Definitions_in_the_state_machine_directory_are_created_with_local_function_arns()
    {
        var directory = Directory.CreateTempSubdirectory("failover-local-sm-");
        try
        {
            var name = "Definition" + Guid.NewGuid().ToString("N")[..8];
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, name + ".asl.json"),
                InvokeDefinition("Echo").Replace(LocalFunctionArn.For("Echo"), "${EchoFunctionArn}"));

            await using var stack = await Local.LocalStack.StartAsync(new LocalStackOptions
            {
                EdgePort = 0, MotoUrl = fixture.Stack.MotoUrl, StateMachineDirectory = directory.FullName,
            });

            var arn = stack.Resources!.StateMachines[name];
            using var states = new StepFunctionsWire(fixture.EdgeUrl);
            var definition =
                (await states.CallAsync("DescribeStateMachine",
                new JsonObject { ["stateMachineArn"] = arn }))["definition"]!.GetValue<string>();
            Assert.Contains(LocalFunctionArn.For("Echo"), definition);
            Assert.DoesNotContain("${", definition);
            Assert.Equal("SUCCEEDED", (await states.RunAsync(arn, "{}"))["status"]!.GetValue<string>());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_substitution_stops_start_up_naming_the_file_and_the_key()
    {
        var directory = Directory.CreateTempSubdirectory("failover-local-sm-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Broken.asl.json"),
                """{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${NotAThing}","End":true}}}""");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Local.LocalStack.StartAsync(new LocalStackOptions
            {
                EdgePort = 0, MotoUrl = fixture.Stack.MotoUrl, StateMachineDirectory = directory.FullName,
            }));

            Assert.Contains("Broken.asl.json", error.Message);
            Assert.Contains("${NotAThing}", error.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Every_definition_in_the_repository_uses_only_known_substitutions()
    {
        var directory = LocalResources.FindStateMachineDirectory(AppContext.BaseDirectory);
        var view = new ProvisionedResourcesView("table", "http://queue");
        foreach (var file in directory is null ? [] : Directory.GetFiles(directory, StateMachineSetup.DefinitionPattern))
        {
            var resolved = StateMachineSubstitutions.Resolve(File.ReadAllText(file), file, view);
            Assert.DoesNotContain("${", resolved);
        }
    }
}
