using Failover.Aws.StepFunctions;

namespace Failover.Aws.Tests.StepFunctions;

[Collection(MotoCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class StepFunctionsMotoTests(MotoFixture moto)
{
    private const string Role = "arn:aws:iam::123456789012:role/failover-apply";
    private const string PassDefinition = """{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}""";

    private StepFunctionsClient Client() => new(new StepFunctionsClientOptions { Region = "us-east-1", Endpoint = moto.Url });

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_state_machine_is_created_described_listed_and_updated()
    {
        var client = Client();
        var name = UniqueName("apply");

        var created = await client.CreateStateMachineAsync(name, PassDefinition, Role);
        Assert.EndsWith(":stateMachine:" + name, created.StateMachineArn);
        Assert.True(created.CreationDate > DateTimeOffset.UtcNow.AddHours(-1), $"created {created.CreationDate}");

        var described = await client.DescribeStateMachineAsync(created.StateMachineArn);
        Assert.Equal((name, PassDefinition, Role, "STANDARD"), (described.Name, described.Definition, described.RoleArn, described.Type));

        var listed = new List<StateMachineListItem>();
        string? token = null;
        do
        {
            var page = await client.ListStateMachinesAsync(token, maxResults: 1);
            Assert.True(page.StateMachines.Count <= 1);
            listed.AddRange(page.StateMachines);
            token = page.NextToken;
        } while (token is not null);
        Assert.Contains(listed, m => m.StateMachineArn == created.StateMachineArn && m.Name == name);

        var changed = PassDefinition.Replace("Done", "Finished");
        await client.UpdateStateMachineAsync(created.StateMachineArn, changed);
        Assert.Equal(changed, (await client.DescribeStateMachineAsync(created.StateMachineArn)).Definition);
    }

    [Fact]
    public async Task An_execution_is_started_described_listed_read_and_stopped()
    {
        var client = Client();
        var machine = await client.CreateStateMachineAsync(UniqueName("run"), PassDefinition, Role);

        var started = await client.StartExecutionAsync(machine.StateMachineArn, """{"tree":"shop"}""", name: "shop-v1");
        Assert.EndsWith(":shop-v1", started.ExecutionArn);

        var described = await client.DescribeExecutionAsync(started.ExecutionArn);
        Assert.Equal(machine.StateMachineArn, described.StateMachineArn);
        Assert.Equal("shop-v1", described.Name);
        Assert.Equal("""{"tree":"shop"}""", described.Input);
        Assert.Contains(described.Status, new[] { "RUNNING", "SUCCEEDED" });

        var second = await client.StartExecutionAsync(machine.StateMachineArn, "{}");
        var page = await client.ListExecutionsAsync(machine.StateMachineArn, maxResults: 1);
        Assert.Single(page.Executions);
        Assert.NotNull(page.NextToken);
        var rest = await client.ListExecutionsAsync(machine.StateMachineArn, nextToken: page.NextToken);
        Assert.Equal(
            new[] { started.ExecutionArn, second.ExecutionArn }.Order(),
            page.Executions.Concat(rest.Executions).Select(e => e.ExecutionArn).Order());

        var history = new List<HistoryEvent>();
        await foreach (var item in client.GetFullExecutionHistoryAsync(started.ExecutionArn)) history.Add(item);
        Assert.NotEmpty(history);
        Assert.Equal("ExecutionStarted", history[0].Type);
        Assert.Equal(history.Select(e => e.Id).Order(), history.Select(e => e.Id));

        var stopDate = await client.StopExecutionAsync(second.ExecutionArn, "Failover.Cancelled", "stopped by a test");
        Assert.True(stopDate >= DateTimeOffset.UtcNow.AddHours(-1), $"stopped {stopDate}");
        var stopped = await client.DescribeExecutionAsync(second.ExecutionArn);
        Assert.Equal("ABORTED", stopped.Status);
        Assert.NotNull(stopped.StopDate);
        var aborted = await client.ListExecutionsAsync(machine.StateMachineArn, statusFilter: "ABORTED");
        Assert.Equal(second.ExecutionArn, Assert.Single(aborted.Executions).ExecutionArn);
    }

    [Fact]
    public async Task Missing_executions_and_machines_are_typed_errors()
    {
        var client = Client();
        var missingMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:nope";

        var execution = await Assert.ThrowsAsync<ExecutionDoesNotExistException>(() =>
            client.DescribeExecutionAsync("arn:aws:states:us-east-1:123456789012:execution:nope:nothing"));
        Assert.Equal("ExecutionDoesNotExist", execution.Code);
        Assert.False(execution.IsRetryable);

        var machine = await Assert.ThrowsAsync<StateMachineDoesNotExistException>(() => client.StartExecutionAsync(missingMachine, "{}"));
        Assert.Equal(400, (int)machine.StatusCode);
        await Assert.ThrowsAsync<StateMachineDoesNotExistException>(() => client.DescribeStateMachineAsync(missingMachine));
    }

    [Fact]
    public async Task Starting_a_running_execution_again_with_other_input_is_ExecutionAlreadyExists()
    {
        var client = Client();
        var machine = await client.CreateStateMachineAsync(UniqueName("dup"), PassDefinition, Role);
        await client.StartExecutionAsync(machine.StateMachineArn, """{"v":1}""", name: "same");

        var error = await Assert.ThrowsAsync<ExecutionAlreadyExistsException>(() =>
            client.StartExecutionAsync(machine.StateMachineArn, """{"v":2}""", name: "same"));
        Assert.Equal("ExecutionAlreadyExists", error.Code);
    }
}
