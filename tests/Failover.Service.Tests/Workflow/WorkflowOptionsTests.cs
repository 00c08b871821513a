using Failover.Service.Workflow;

namespace Failover.Service.Tests.Workflow;

/// <summary>The functions' settings from their environment: read, bounded, and every refusal names its variable.</summary>
[Trait("Category", "Unit")]
public sealed class WorkflowOptionsTests
{
    private static WorkflowOptions From(params (string Name, string Value)[] variables) =>
        WorkflowOptions.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void Health_checks_in_flight_default_to_four_and_are_read_from_the_environment()
    {
        Assert.Equal(LayerUnits.DefaultConcurrency, From().HealthCheckConcurrency);
        Assert.Equal(1, From((WorkflowOptions.HealthCheckConcurrencyVariable, "1")).HealthCheckConcurrency);
        Assert.Equal(16, From((WorkflowOptions.HealthCheckConcurrencyVariable, "16")).HealthCheckConcurrency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("four")]
    [InlineData("-2")]
    public void Health_checks_in_flight_outside_1_to_16_are_refused_naming_the_variable(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => From((WorkflowOptions.HealthCheckConcurrencyVariable, value)));
        Assert.Contains("FAILOVER_HEALTH_CHECK_CONCURRENCY", error.Message);
        Assert.Contains(value, error.Message);
    }
}
