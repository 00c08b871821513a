using Failover.Service.Drift;

namespace Failover.Aws.Tests.Drift;

[Trait("Category", "Unit")]
public sealed class DriftOptionsTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_template_variables_are_read()
    {
        var options = DriftOptions.FromEnvironment(Environment(
            ("FAILOVER_TABLE", "stack-progress"),
                ("FAILOVER_DRIFT_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/1/stack-drift"), ("FAILOVER_ROUTE53_RPS", "2.5"),
            ("FAILOVER_DEFAULT_DRIFT_POLICY", "repair")));
        Assert.Equal("stack-progress", options.TableName);
        Assert.Equal("https://sqs.us-east-1.amazonaws.com/1/stack-drift", options.QueueUrl);
        Assert.Equal(2.5, options.Route53RequestsPerSecond);
        Assert.Equal(Failover.Core.Spec.DriftPolicy.Repair, options.DefaultPolicy);
    }

    [Fact]
    public void Unset_variables_leave_the_defaults()
    {
        var options = DriftOptions.FromEnvironment(Environment());
        Assert.Equal(DriftOptions.DefaultTable, options.TableName);
        Assert.Null(options.QueueUrl);
        Assert.Null(options.Route53RequestsPerSecond);
        Assert.Equal(Failover.Core.Spec.DriftPolicy.Report, options.DefaultPolicy);
    }

    [Theory]
    [InlineData("FAILOVER_DRIFT_QUEUE_URL", "drift-queue")]
    [InlineData("FAILOVER_ROUTE53_RPS", "fast")]
    [InlineData("FAILOVER_ROUTE53_RPS", "0")]
    [InlineData("FAILOVER_DEFAULT_DRIFT_POLICY", "fix")]
    public void A_bad_value_is_refused_naming_its_variable(string variable, string value) =>
        Assert.Contains(variable,
            Assert.Throws<ArgumentException>(() => DriftOptions.FromEnvironment(Environment((variable, value)))).Message);
}
