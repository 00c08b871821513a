using Failover.Reliability.Scenarios;
using Xunit.Abstractions;

namespace Failover.Reliability.Tests;

/// <summary>What users send the service: racing requests, hostile input, and specs that reach for what is not the tree's.</summary>
[Collection(ApiScenarios.Name)]
[Trait("Category", "Reliability")]
public sealed class ApiScenarioTests(ApiScenarios.Stack fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Racing_applies_start_one_run_per_tree_and_one_tree_per_name()
    {
        var result = await ScenarioAssert.RunAsync(new Races(), fixture.Stack, output);

        Assert.Equal(1, result["same tree: 202 answers"]);
        Assert.Equal(1, result["same name: 202 answers"]);
    }

    [Fact]
    public async Task Hostile_input_is_refused_with_exit_1_or_a_4xx_and_costs_no_Route_53_call()
    {
        var result = await ScenarioAssert.RunAsync(new HostileInput(), fixture.Stack, output);

        Assert.True(result["cases"] >= 50);
        foreach (var kind in Failover.Reliability.Corpus.HostileCorpus.Kinds) Assert.True(result[$"cases: {kind}"] > 0, $"no {kind} case");
    }

    [Fact]
    public async Task Nothing_outside_the_tree_is_touched_and_no_zone_outside_the_allow_list()
    {
        await ScenarioAssert.RunAsync(new Ownership(), fixture.Stack, output);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiScenarios : ICollectionFixture<ApiScenarios.Stack>
{
    public const string Name = "reliability: races, hostile input, ownership";

    public sealed class Stack : SuiteStackFixture;
}
