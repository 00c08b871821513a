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
        Assert.Contains(alarms, a => a.TryGetProperty("MetricName", out var m) && m.GetString() == "ApproximateNumberOfMessagesVisible"
            && a.GetProperty("Dimensions")[0].GetProperty("Value").GetProperty("Fn::GetAtt")[0].GetString() == "DriftDeadLetterQueue");
        Assert.All(alarms, a => Assert.Equal("AlarmTopic", a.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString()));
        Assert.Equal("HasAlarmEmail", Template.Resource("AlarmEmailSubscription").GetProperty("Condition").GetString());
    }

    [Fact]
    public void Failed_runs_alarm_counts_runs_that_failed_timed_out_or_were_stopped()
    {
        var metrics = Template.Properties("FailedRunsAlarm").GetProperty("Metrics").EnumerateArray().ToList();
        var returned = Assert.Single(metrics, m => m.GetProperty("ReturnData").GetBoolean());
        var terms = returned.GetProperty("Expression").GetString()!.Split('+', StringSplitOptions.TrimEntries);

        var counted = terms.Select(id => metrics.Single(m => m.GetProperty("Id").GetString() == id).GetProperty("MetricStat"))
            .Select(stat => stat.GetProperty("Metric")).ToList();
        // A rolled-back run and one whose rollback failed both end in a Fail state (ExecutionsFailed; the state machine
        // tests check every path); a run past TimeoutSeconds or stopped by hand never reaches Rollback.
        Assert.Equal(["ExecutionsAborted", "ExecutionsFailed", "ExecutionsTimedOut"],
            counted.Select(m => m.GetProperty("MetricName").GetString()).Order());
        Assert.All(counted, m => Assert.Equal("ProvisioningStateMachine",
            m.GetProperty("Dimensions")[0].GetProperty("Value").GetProperty("Ref").GetString()));
        Assert.Equal("AlarmTopic", Template.Properties("FailedRunsAlarm").GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
    }

    [Fact]
    public void A_failed_rollback_has_an_alarm_of_its_own_on_the_metric_the_Rollback_function_writes()
    {
        var alarm = Template.Properties("FailedRollbacksAlarm");
        var query = Assert.Single(alarm.GetProperty("Metrics").EnumerateArray()).GetProperty("Expression").GetString();

        Assert.Equal("SELECT SUM(RollbacksFailed) FROM Failover", query);
        Assert.Equal("notBreaching", alarm.GetProperty("TreatMissingData").GetString());
        Assert.Equal("AlarmTopic", alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
        Assert.Equal("AlarmTopic", alarm.GetProperty("OKActions")[0].GetProperty("Ref").GetString());
    }

    [Fact]
    public void The_dashboard_graphs_every_tree_metric_the_service_writes()
    {
        var body = Template.Properties("Dashboard").GetProperty("DashboardBody").GetProperty("Fn::Sub")[0].GetString()!;

        foreach (var metric in new[]
        {
            "Runs", "RunDuration", "DriftedItems", "AnswerChanges", "RollbacksFailed", "Route53Requests", "Route53Throttles", "InsyncWait",
        })
            Assert.Contains($"({metric}) FROM Failover", body);
        Assert.Contains("GROUP BY Tree, Outcome", body);
    }

    [Fact]
    public void Drift_schedule_ticks_that_cannot_be_delivered_go_to_a_dead_letter_queue_that_alarms()
    {
        var schedule = Template.Properties(Template.OfType("AWS::Scheduler::Schedule").Single()).GetProperty("Target");
        Assert.Equal("DriftScheduleDeadLetterQueue",
            schedule.GetProperty("DeadLetterConfig").GetProperty("Arn").GetProperty("Fn::GetAtt")[0].GetString());
        Assert.True(Template.Properties("DriftScheduleDeadLetterQueue").GetProperty("SqsManagedSseEnabled").GetBoolean());

        var alarm = Template.Properties("DriftScheduleDeadLettersAlarm");
        Assert.Equal("DriftScheduleDeadLetterQueue",
            alarm.GetProperty("Dimensions")[0].GetProperty("Value").GetProperty("Fn::GetAtt")[0].GetString());
        Assert.Equal("AlarmTopic", alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
    }

    [Fact]
    public void Drift_checks_that_stop_alarm_on_the_scheduler_s_missing_metric_rather_than_looking_like_no_drift()
    {
        var alarm = Template.Properties("DriftChecksStoppedAlarm");

        Assert.Equal(Failover.Service.Drift.DriftMetrics.Namespace, alarm.GetProperty("Namespace").GetString());
        Assert.Equal(Failover.Service.Drift.DriftMetrics.ScheduledMetricName, alarm.GetProperty("MetricName").GetString());
        Assert.False(alarm.TryGetProperty("Dimensions", out _), "the scheduler emits the metric without dimensions");
        Assert.Equal("breaching", alarm.GetProperty("TreatMissingData").GetString());
        Assert.Equal("SampleCount", alarm.GetProperty("Statistic").GetString());
        Assert.Equal("LessThanThreshold", alarm.GetProperty("ComparisonOperator").GetString());
        Assert.Equal("DriftStoppedAfterSeconds", alarm.GetProperty("Period").GetProperty("Ref").GetString());
        Assert.Equal("AlarmTopic", alarm.GetProperty("AlarmActions")[0].GetProperty("Ref").GetString());
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
