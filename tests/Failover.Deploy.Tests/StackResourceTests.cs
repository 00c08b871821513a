using Failover.Deploy.Tests.Template;

namespace Failover.Deploy.Tests;

/// <summary>The stateful and operational resources of the stack: the table, the drift queue, the alarms and the outputs.</summary>
[Trait("Category", "Deploy")]
public sealed class StackResourceTests
{
    private static readonly TranslatedTemplate Template = TranslatedTemplate.Instance;

    [Fact]
    public void Progress_table_is_on_demand_recoverable_expiring_and_encrypted_and_outlives_the_stack()
    {
        var table = Template.Resource("ProgressTable");
        var properties = table.GetProperty("Properties");

        Assert.Equal("PAY_PER_REQUEST", properties.GetProperty("BillingMode").GetString());
        Assert.True(properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        Assert.True(properties.GetProperty("TimeToLiveSpecification").GetProperty("Enabled").GetBoolean());
        Assert.Equal(Failover.Store.ProgressTable.ExpiryAttribute,
            properties.GetProperty("TimeToLiveSpecification").GetProperty("AttributeName").GetString());
        Assert.True(properties.GetProperty("SSESpecification").GetProperty("SSEEnabled").GetBoolean());
        // It records which Route 53 records and health checks each tree owns: deleting the stack must not lose that.
        Assert.Equal("Retain", table.GetProperty("DeletionPolicy").GetString());
    }

    [Fact]
    public void Drift_queue_redrives_to_its_dead_letter_queue()
    {
        var redrive = Template.Properties("DriftQueue").GetProperty("RedrivePolicy");

        Assert.Equal("DriftDeadLetterQueue", redrive.GetProperty("deadLetterTargetArn").GetProperty("Fn::GetAtt")[0].GetString());
        Assert.Equal(3, redrive.GetProperty("maxReceiveCount").GetInt32());
    }

    [Fact]
    public void Alarms_on_drift_failed_runs_and_dead_letters_notify_the_alarm_topic()
    {
        var alarms = Template.OfType("AWS::CloudWatch::Alarm").Select(Template.Properties).ToList();

        Assert.Contains(alarms,
            a =>
            a.TryGetProperty("Metrics", out var metrics) && metrics[0].GetProperty("Expression").GetString()!.Contains("DriftedItems"));
        Assert.Contains(alarms, a => a.TryGetProperty("MetricName", out var m) && m.GetString() == "ExecutionsFailed");
        Assert.Contains(alarms, a => a.TryGetProperty("MetricName", out var m) && m.GetString() == "ApproximateNumberOfMessagesVisible"
            && a.GetProperty("Dimensions")[0].GetProperty("Value").GetProperty("Fn::GetAtt")[0].GetString() == "DriftDeadLetterQueue");
        Assert.All(alarms, a => Assert.Equal("AlarmTopic", a.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString()));
        Assert.Equal("HasAlarmEmail", Template.Resource("AlarmEmailSubscription").GetProperty("Condition").GetString());
    }

    /// <summary>A function's reserved concurrency as deployed with these parameters; null when it reserves none.</summary>
    private static string? ReservedConcurrency(string function, IReadOnlyDictionary<string, string> parameters)
    {
        var evaluator = new TemplateEvaluator(Template, new Deployment { Parameters = parameters });
        if (!Template.Properties(function).TryGetProperty("ReservedConcurrentExecutions", out var value)) return null;
        if (value.ValueKind == System.Text.Json.JsonValueKind.Object && value.TryGetProperty("Fn::If", out var choice))
            value = evaluator.Condition(choice[0].GetString()!) ? choice[1] : choice[2];
        return value.ValueKind == System.Text.Json.JsonValueKind.Object && value.TryGetProperty("Ref", out var reference)
            && reference.GetString() == "AWS::NoValue"
            ? null
            : evaluator.String(value);
    }

    [Theory]
    [InlineData("ApiFunction", "ApiFunctionConcurrency", "5")]
    [InlineData("DriftWorkerFunction", "DriftWorkerConcurrency", "1")]
    public void The_api_and_the_drift_worker_reserve_the_concurrency_their_parameters_give(string function, string parameter,
        string byDefault)
    {
        Dictionary<string, string> With(string? value) => value is null
            ? new() { ["AllowedHostedZoneIds"] = "Z0111111111AAAAAAAAAA" }
            : new() { ["AllowedHostedZoneIds"] = "Z0111111111AAAAAAAAAA", [parameter] = value };

        Assert.Equal(byDefault, ReservedConcurrency(function, With(null)));
        Assert.Equal("3", ReservedConcurrency(function, With("3")));
        // 0 reserves nothing, for accounts whose concurrency quota leaves no room for reservations.
        Assert.Null(ReservedConcurrency(function, With("0")));
    }

    [Fact]
    public void Outputs_give_the_api_url_state_machine_table_and_queue()
    {
        var outputs = Template.Root.GetProperty("Outputs");

        foreach (var name in new[] { "ApiUrl", "StateMachineArn", "ProgressTableName", "DriftQueueUrl" })
            Assert.True(outputs.TryGetProperty(name, out _), $"no output {name} (docs/deploy.md reads it)");
    }
}
