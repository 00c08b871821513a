using Failover.Deploy.Tests.Iam;
using Failover.Deploy.Tests.Template;

namespace Failover.Deploy.Tests;

/// <summary>
/// The IAM the stack creates, evaluated for a deployment with two allowed hosted zones: every grant is on the
/// resources the service owns, and each function holds only the powers its step needs.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class LeastPrivilegeTests
{
    private static readonly string[] Zones = ["Z0111111111AAAAAAAAAA", "Z0222222222BBBBBBBBBB"];
    private static readonly TranslatedTemplate Template = TranslatedTemplate.Instance;
    private static readonly TemplateEvaluator Evaluator = new(Template, Deployment.WithZones(Zones));

    /// <summary>
    /// Actions IAM cannot scope to a resource: Route 53 defines no resource type for CreateHealthCheck and
    /// ListHealthChecks, and CloudWatch Logs' log-delivery actions (Step Functions logging) take none either.
    /// </summary>
    private static readonly HashSet<string> UnscopableActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "route53:CreateHealthCheck", "route53:ListHealthChecks",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
        "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    };

    /// <summary>AWS managed policies SAM attaches (their text is AWS's): logging to CloudWatch and X-Ray tracing.</summary>
    private static readonly HashSet<string> AllowedAwsManagedPolicies =
    [
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
        "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess",
    ];

    private static IReadOnlyList<RolePolicies> AllRoles(TemplateEvaluator evaluator) =>
        [.. Template.OfType("AWS::IAM::Role").Select(role => RolePolicies.Of(Template, evaluator, role))];

    private static RolePolicies FunctionRole(string function, TemplateEvaluator? evaluator = null) =>
        RolePolicies.Of(Template, evaluator ?? Evaluator, RolePolicies.RoleOf(Template, function));

    /// <summary>The functions whose role allows <paramref name="action"/>, sorted.</summary>
    private static IReadOnlyList<string> FunctionsGranted(string action) =>
        [.. Template.Functions.Where(f => FunctionRole(f).Grants(action)).Order(StringComparer.Ordinal)];

    private static string ZoneArn(string partition, string zone) => $"arn:{partition}:route53:::hostedzone/{zone}";

    [Fact]
    public void No_statement_allows_every_resource_unless_iam_cannot_scope_its_actions()
    {
        var statements = AllRoles(Evaluator).SelectMany(r => r.Statements).ToList();

        var unscoped =
            statements.Where(s => s.Allows && s.Resources.Contains("*") && s.Actions.Any(a => !UnscopableActions.Contains(a))).ToList();

        Assert.True(statements.Count > 20, $"expected the roles' statements, read {statements.Count}");
        Assert.True(unscoped.Count == 0, "Resource \"*\" where IAM can scope the action:\n" + string.Join("\n", unscoped));
    }

    [Fact]
    public void No_statement_uses_action_wildcards_or_not_elements()
    {
        var loose = AllRoles(Evaluator).SelectMany(r => r.Statements)
            .Where(s => s.UsesNotElements || s.Actions.Any(a => a.Contains('*') || a.Contains('?'))).ToList();

        Assert.True(loose.Count == 0, "wildcard actions or NotAction/NotResource:\n" + string.Join("\n", loose));
    }

    [Fact]
    public void Roles_attach_no_aws_managed_policy_but_basic_logging_and_xray()
    {
        var attached = AllRoles(Evaluator).SelectMany(r => r.AwsManagedPolicyArns.Select(arn => (r.RoleId, arn))).ToList();

        var others = attached.Where(a => !AllowedAwsManagedPolicies.Contains(a.arn)).Select(a => $"{a.RoleId}: {a.arn}").ToList();

        Assert.Contains(attached, a => a.arn.EndsWith("AWSLambdaBasicExecutionRole", StringComparison.Ordinal));
        Assert.True(others.Count == 0, "AWS managed policies wider than the service needs: " + string.Join(", ", others));
    }

    [Theory]
    [InlineData("aws", "us-east-1")]
    [InlineData("aws-cn", "cn-north-1")]
    [InlineData("aws-us-gov", "us-gov-west-1")]
    public void Records_change_only_in_the_allowed_hosted_zones(string partition, string region)
    {
        var evaluator = new TemplateEvaluator(Template, Deployment.WithZones(Zones) with { Partition = partition, Region = region });
        var zoneArns = Zones.Select(zone => ZoneArn(partition, zone)).ToList();

        foreach (var statement in AllRoles(evaluator).SelectMany(r => r.Statements))
            if (statement.Grants("route53:ChangeResourceRecordSets") || statement.Grants("route53:ListResourceRecordSets")
                || statement.Grants("route53:GetHostedZone"))
                Assert.True(
                    statement.Resources.SequenceEqual(
                    zoneArns), $"{statement}\nshould name exactly the zones of AllowedHostedZoneIds: {string.Join(", ", zoneArns)}");

        Assert.Equal(["ApplyRecordLayerFunction", "RollbackFunction"], FunctionsGranted("route53:ChangeResourceRecordSets"));
        Assert.False(FunctionRole("ApplyRecordLayerFunction", evaluator)
            .Grants("route53:ChangeResourceRecordSets", ZoneArn(partition, "Z0333333333CCCCCCCCCC")));
    }

    /// <summary>
    /// Whether a zone is private decides which rules a tree meets there (HostedZonePrivacy reads it with GetHostedZone in
    /// the plan step and in the API's plans, dry runs and adoptions): those functions may read the allowed zones, no
    /// other zone.
    /// </summary>
    [Fact]
    public void The_functions_that_plan_or_adopt_read_the_allowed_zones_and_no_other()
    {
        foreach (var function in new[] { "PlanTreeFunction", "ApiFunction" })
        {
            Assert.True(FunctionRole(function).Grants("route53:GetHostedZone", ZoneArn("aws", Zones[0])), function);
            Assert.False(FunctionRole(function).Grants("route53:GetHostedZone", ZoneArn("aws", "Z0333333333CCCCCCCCCC")), function);
        }
    }

    private const string RecordTypesKey = "route53:ChangeResourceRecordSetsRecordTypes";
    private const string RecordNamesKey = "route53:ChangeResourceRecordSetsNormalizedRecordNames";

    /// <summary>A ChangeResourceRecordSets batch as IAM sees it: one type and one normalized name per change.</summary>
    private static bool BatchAllowed(string function, TemplateEvaluator evaluator, string[] types, string[] names) =>
        FunctionRole(function, evaluator).Allows("route53:ChangeResourceRecordSets", ZoneArn("aws", Zones[0]),
            new Dictionary<string, IReadOnlyList<string>> { [RecordTypesKey] = types, [RecordNamesKey] = names });

    [Theory]
    [InlineData("ApplyRecordLayerFunction")]
    [InlineData("RollbackFunction")]
    public void Record_changes_are_narrowed_to_the_trees_record_types_and_the_allowed_names(string function)
    {
        var narrowed = new TemplateEvaluator(Template, Deployment.WithZones(Zones) with
        {
            Parameters = new Dictionary<string, string>
            {
                ["AllowedHostedZoneIds"] = string.Join(',', Zones), ["AllowedRecordNames"] = "*.example.com,example.com",
            },
        });

        // A tree's batch: its records and helper records under its name, of its one type.
        Assert.True(BatchAllowed(function, narrowed, ["A", "A", "A"], ["www.example.com", "_pool.www.example.com", "example.com"]));
        // Delegation records are never the service's, alone or hidden in a batch of allowed changes.
        foreach (var type in new[] { "NS", "SOA", "DS" })
        {
            Assert.False(BatchAllowed(function, narrowed, [type], ["www.example.com"]), type);
            Assert.False(BatchAllowed(function, narrowed, ["A", type], ["www.example.com", "www.example.com"]), type);
        }
        // A name outside the deployment's patterns, alone or in a batch.
        Assert.False(BatchAllowed(function, narrowed, ["A"], ["www.example.org"]));
        Assert.False(BatchAllowed(function, narrowed, ["A", "A"], ["www.example.com", "mail.other.net"]));
        Assert.False(BatchAllowed(function, narrowed, ["A"], ["wwwexample.com"]));

        // The default pattern "*" allows every name, with the same types.
        Assert.True(BatchAllowed(function, Evaluator, ["AAAA"], ["anything.example.org"]));
        Assert.False(BatchAllowed(function, Evaluator, ["NS"], ["anything.example.org"]));
    }

    private static bool SpecAccepts(string recordType) =>
        !Failover.Core.Spec.SpecLoader.Load($$"""
            { "name": "t", "hostedZoneId": "Z0111111111AAAAAAAAAA", "zoneName": "example.com", "recordName": "www.example.com",
              "recordType": "{{recordType}}", "root": { "id": "only", "endpoint": { "values": ["x"] } } }
            """).Diagnostics.Any(d => d.Path == "$.recordType");

    [Fact]
    public void The_record_types_allowed_are_exactly_the_types_a_tree_can_hold()
    {
        var condition = FunctionRole("ApplyRecordLayerFunction").Granting("route53:ChangeResourceRecordSets")
            .SelectMany(s => s.Conditions).Single(c => c.Key == RecordTypesKey);

        Assert.Equal("ForAllValues:StringEquals", condition.Operator);
        // Every type Route 53 supports (Developer Guide, "Supported DNS record types"): allowed exactly when a spec may use it.
        string[] route53Types =
            ["A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT"];
        foreach (var type in route53Types)
            Assert.True(condition.Values.Contains(type) == SpecAccepts(type),
                $"{type}: the policy {(condition.Values.Contains(type) ? "allows" : "refuses")} it, the spec validator does not agree");
        Assert.Empty(condition.Values.Except(route53Types));
        Assert.DoesNotContain("NS", condition.Values);
    }

    [Fact]
    public void Health_check_changes_are_on_health_check_arns_and_only_in_the_steps_that_make_or_remove_them()
    {
        string[] changes =
            ["route53:CreateHealthCheck", "route53:DeleteHealthCheck", "route53:UpdateHealthCheck", "route53:ChangeTagsForResource"];
        foreach (var statement in AllRoles(Evaluator).SelectMany(r => r.Statements)
            .Where(s => s.Actions.Any(a => a.Contains("HealthCheck") || a.Contains("TagsForResource"))))
            Assert.True(
                statement.Resources.All(r =>
                r == "arn:aws:route53:::healthcheck/*" || (r == "*" && statement.Actions.All(UnscopableActions.Contains))),
                $"{statement}\nhealth check actions belong on arn:aws:route53:::healthcheck/* (Resource \"*\" only for Create and List)");

        foreach (var action in changes)
            Assert.True(FunctionsGranted(action).All(f => f is "ApplyHealthChecksFunction" or "RollbackFunction"),
                $"{action} granted to {string.Join(", ", FunctionsGranted(action))}; only ApplyHealthChecks and Rollback change health " +
                    $"checks");
        Assert.Equal(["ApplyHealthChecksFunction", "RollbackFunction"], FunctionsGranted("route53:CreateHealthCheck"));
    }

    [Fact]
    public void Health_check_alarms_are_changed_only_under_the_stacks_prefix_in_us_east_1_by_the_steps_that_own_checks()
    {
        const string alarms = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:failover-health-*";
        foreach (var statement in AllRoles(Evaluator).SelectMany(r => r.Statements)
            .Where(s => s.Actions.Any(a => a.StartsWith("cloudwatch:", StringComparison.OrdinalIgnoreCase))))
            Assert.True(statement.Resources.SequenceEqual([alarms]), $"{statement}\nalarm actions belong on {alarms}");

        Assert.Equal(["ApplyHealthChecksFunction", "RollbackFunction"], FunctionsGranted("cloudwatch:PutMetricAlarm"));
        Assert.Equal(["ApplyHealthChecksFunction", "RollbackFunction"], FunctionsGranted("cloudwatch:DeleteAlarms"));
        Assert.Equal(["ApiFunction", "DriftWorkerFunction", "PlanTreeFunction", "RollbackFunction"],
            FunctionsGranted("cloudwatch:DescribeAlarms"));
        Assert.False(FunctionRole("ApplyHealthChecksFunction")
            .Grants("cloudwatch:DeleteAlarms", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:someone-elses-alarm"));
    }

    [Fact]
    public void Change_status_is_read_on_change_arns_only()
    {
        var statements = AllRoles(Evaluator).SelectMany(r => r.Granting("route53:GetChange")).ToList();

        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.Equal(["arn:aws:route53:::change/*"], s.Resources));
    }

    [Fact]
    public void DynamoDB_actions_are_on_the_progress_table_and_its_index_only()
    {
        var table = Evaluator.String(System.Text.Json.JsonDocument.Parse("""{"Fn::GetAtt": ["ProgressTable", "Arn"]}""").RootElement);
        var statements = AllRoles(Evaluator).SelectMany(r => r.Statements)
            .Where(s => s.Actions.Any(a => a.StartsWith("dynamodb:", StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/failover-progress", table);
        Assert.NotEmpty(statements);
        Assert.All(statements,
            s =>
            Assert.True(s.Resources.Count > 0
            && s.Resources.All(r => r == table || r == $"{table}/index/gsi1"), $"{s}\nshould name only {table} (and its gsi1 index)"));
        // The scheduler only lists active trees: a query of the index, nothing on the table itself.
        Assert.Equal(["dynamodb:Query"],
            FunctionRole("DriftSchedulerFunction")
            .Statements.Where(s => s.Actions.Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).SelectMany(s => s.Actions));
        Assert.False(FunctionRole("DriftSchedulerFunction").Grants("dynamodb:Query", table));
    }

    [Fact]
    public void Only_the_api_and_the_drift_worker_start_runs_and_only_of_the_provisioning_state_machine()
    {
        var stateMachine = "arn:aws:states:us-east-1:123456789012:stateMachine:failover-provisioning";

        Assert.Equal(["ApiFunction", "DriftWorkerFunction"], FunctionsGranted("states:StartExecution"));
        foreach (var function in Template.Functions)
            foreach (var statement in FunctionRole(function)
                .Statements.Where(s => s.Actions.Any(a => a.StartsWith("states:", StringComparison.OrdinalIgnoreCase))))
            {
                Assert.Equal(["states:StartExecution"], statement.Actions);
                Assert.Equal([stateMachine], statement.Resources);
            }
    }

    [Fact]
    public void Only_the_api_and_the_answer_watcher_read_health_check_status_and_only_of_health_checks()
    {
        // The API for GET /trees/{name}/health; the answer watcher to know who answers after a check changed state.
        Assert.Equal(["AnswerWatcherFunction", "ApiFunction"], FunctionsGranted("route53:GetHealthCheckStatus"));
        foreach (var function in new[] { "AnswerWatcherFunction", "ApiFunction" })
        {
            var statements = FunctionRole(function).Statements.Where(s => s.Actions.Contains("route53:GetHealthCheckStatus")).ToList();
            Assert.All(statements, s => Assert.Equal(["route53:GetHealthCheckStatus"], s.Actions));
            Assert.All(statements, s => Assert.Equal(["arn:aws:route53:::healthcheck/*"], s.Resources));
            Assert.False(FunctionRole(function).Grants("route53:GetHealthCheckStatus", ZoneArn("aws", Zones[0])));
        }
    }

    [Fact]
    public void Drift_queue_send_is_the_scheduler_s_and_receive_the_worker_s()
    {
        var queue = "arn:aws:sqs:us-east-1:123456789012:failover-drift";

        Assert.Equal(["DriftSchedulerFunction"], FunctionsGranted("sqs:SendMessage"));
        foreach (var receive in new[] { "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility" })
            Assert.Equal(["DriftWorkerFunction"], FunctionsGranted(receive));
        var sqsStatements = Template.Functions.SelectMany(f => FunctionRole(f).Statements)
            .Where(s => s.Actions.Any(a => a.StartsWith("sqs:", StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.All(sqsStatements, s => Assert.Equal([queue], s.Resources));
        Assert.Equal("DriftQueue",
            Template.Properties("DriftWorkerQueueMapping").GetProperty("EventSourceArn").GetProperty("Fn::GetAtt")[0].GetString());
    }

    [Fact]
    public void Functions_are_invoked_only_by_the_state_machine_and_the_drift_schedule()
    {
        var invokers = AllRoles(Evaluator).Where(r => r.Grants("lambda:InvokeFunction")).ToList();
        var scheduler =
            Evaluator.String(System.Text.Json.JsonDocument.Parse("""{"Fn::GetAtt": ["DriftSchedulerFunction", "Arn"]}""").RootElement);

        Assert.Equal(["DriftSchedulerFunctionDriftRole", "ProvisioningStateMachineRole"],
            invokers.Select(r => r.RoleId).Order(StringComparer.Ordinal));
        var schedule = invokers.Single(r => r.RoleId == "DriftSchedulerFunctionDriftRole");
        Assert.All(schedule.Granting("lambda:InvokeFunction"), s => Assert.Equal([scheduler], s.Resources));
    }
}
