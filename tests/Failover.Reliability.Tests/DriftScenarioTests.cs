using Failover.Reliability.Scenarios;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>A drift cycle over many trees with a poisoned message among them.</summary>
[Collection(DriftScenarios.Name)]
[Trait("Category", "Reliability")]
public sealed class DriftScenarioTests(DriftScenarios.Stack fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_tree_is_reported_and_only_the_poisoned_message_reaches_the_dead_letter_queue()
    {
        var result = await ScenarioAssert.RunAsync(new DriftLoad(), fixture.Stack, output);

        Assert.Equal(result["trees applied"], result["messages scheduled"]);
        Assert.Equal(1, result["messages in the dead-letter queue"]);
    }
}

[CollectionDefinition(Name)]
public sealed class DriftScenarios : ICollectionFixture<DriftScenarios.Stack>
{
    public const string Name = "reliability: drift under load";

    public sealed class Stack : SuiteStackFixture;
}
