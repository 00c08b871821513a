using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Deploy.Tests.Iam;
using Failover.Deploy.Tests.Template;

namespace Failover.Deploy.Tests;

/// <summary>The provisioning state machine as deployed: its placeholders, the functions it invokes and what it may invoke.</summary>
[Trait("Category", "Deploy")]
public sealed class StateMachineWiringTests
{
    private const string StateMachine = "ProvisioningStateMachine";
    private static readonly TranslatedTemplate Template = TranslatedTemplate.Instance;
    private static readonly TemplateEvaluator Evaluator = new(Template, new Deployment());
    private static readonly StateMachineDefinition Definition = StateMachineDefinition.Of(Template, StateMachine);

    [Fact]
    public void Deployed_definition_is_the_repository_file()
    {
        var file = JsonNode.Parse(File.ReadAllText(Repository.PathOf("src/StateMachine/Provisioning.asl.json")));

        Assert.True(JsonNode.DeepEquals(file, Definition.Json),
            "the translated template does not carry src/StateMachine/Provisioning.asl.json");
    }

    private static int TimeoutOf(string function) => Template.Properties(function).GetProperty("Timeout").GetInt32();

    [Fact]
    public void The_execution_timeout_outlasts_the_longest_run_the_spec_limits_allow()
    {
        var timeout = Definition.Json["TimeoutSeconds"]!.GetValue<int>();

        // Depth 16: a health check layer, its alarms, the leaves, 15 alias levels, 16 levels of deletions, the clean-up.
        var layers = 2 * Failover.Core.Validation.ValidationLimits.Default.MaxDepth + 3;
        var layer = Math.Max(TimeoutOf("ApplyHealthChecksFunction"), TimeoutOf("ApplyRecordLayerFunction"));
        // A layer (and Rollback) is entered again while it has work left, so the requests count too: the door's most
        // nodes, each a health check created and tagged, at the documented 5 requests/s, applied and then rolled back.
        var resumed = 2 * (2 * Failover.Core.Validation.ValidationLimits.Default.MaxNodes / 5);
        var longest = TimeoutOf("PlanTreeFunction") + layers * layer + resumed
            + (int)new Failover.Service.Workflow.WorkflowOptions().SyncTimeout.TotalSeconds + TimeoutOf("CheckChangeFunction")
            + TimeoutOf("FinalizeFunction") + 2 * TimeoutOf("RollbackFunction");
        Assert.InRange(timeout, longest, 24 * 3600);
    }

    /// <summary>The one way out of Rollback that is not a failure: Rollback answered a run already SUCCEEDED.</summary>
    private static bool AnswersSucceeded(JsonNode? choice) =>
        choice!["Variable"]?.GetValue<string>() == "$.outcome.status" && choice["StringEquals"]?.GetValue<string>() == "SUCCEEDED";

    [Fact]
    public void Every_path_out_of_Rollback_ends_in_a_Fail_state_so_a_failed_rollback_alarms_like_a_clean_one()
    {
        var states = Definition.Json["States"]!.AsObject();
        var seen = new HashSet<string>();
        var pending = new Stack<string>(["Rollback"]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name)) continue;
            var state = states[name]!.AsObject();
            var next = new List<string>();
            if (state["Next"] is { } n) next.Add(n.GetValue<string>());
            if (state["Default"] is { } fallback) next.Add(fallback.GetValue<string>());
            if (state["Choices"] is JsonArray choices)
                next.AddRange(choices.Where(c => !AnswersSucceeded(c)).Select(c => c!["Next"]!.GetValue<string>()));
            if (state["Catch"] is JsonArray catches) next.AddRange(catches.Select(c => c!["Next"]!.GetValue<string>()));
            if (next.Count == 0)
                Assert.True(state["Type"]!.GetValue<string>() == "Fail", $"{name} ends a run after Rollback without failing it");
            Assert.False(state["End"]?.GetValue<bool>() ?? false, $"{name} ends a run after Rollback as a success");
            foreach (var target in next) pending.Push(target);
        }
        Assert.Contains("AbandonRun", seen);
    }

    [Fact]
    public void Rollback_answering_a_run_already_SUCCEEDED_ends_the_execution_in_success()
    {
        // Finalize marked the run SUCCEEDED and then failed; Rollback finishes what it left undone and answers SUCCEEDED.
        // A failed execution then would count a run that succeeded in the failed-runs alarm.
        var states = Definition.Json["States"]!.AsObject();
        var after = states["Rollback"]!["Next"]!.GetValue<string>();
        var choice = Assert.Single(states[after]!["Choices"]!.AsArray(), AnswersSucceeded);

        Assert.Equal("Succeed", states[choice!["Next"]!.GetValue<string>()]!["Type"]!.GetValue<string>());
    }

    [Fact]
    public void Every_placeholder_has_a_substitution_and_every_substitution_is_used()
    {
        var placeholders = Definition.Placeholders;
        var substitutions = Definition.SubstitutionNames;

        Assert.NotEmpty(placeholders);
        Assert.True(placeholders.Except(substitutions)
            .ToList() is [], $"placeholders without a DefinitionSubstitutions entry: " +
                $"{string.Join(", ", placeholders.Except(substitutions))}");
        Assert.True(substitutions.Except(placeholders)
            .ToList() is [], $"DefinitionSubstitutions the definition never uses: {string.Join(", ", substitutions.Except(placeholders))}");
    }

    [Fact]
    public void Every_function_the_definition_invokes_is_a_function_of_the_template_and_granted_to_the_state_machine()
    {
        var role = RolePolicies.Of(Template, Evaluator, RolePolicies.RoleOf(Template, StateMachine));
        var functionArns = Template.Functions.ToDictionary(id => Evaluator.String(Arn(id)), id => id);
        var invoked = new HashSet<string>();

        foreach (var (name, task) in Definition.Tasks)
        {
            var arn = InvokedFunctionArn(name, task);
            Assert.True(functionArns.ContainsKey(arn), $"state {name} invokes {arn}, which is not a function of the template");
            Assert.True(
                role.Grants("lambda:InvokeFunction",
                arn), $"state {name} invokes {functionArns[arn]}, but {role.RoleId} may not invoke {arn}");
            invoked.Add(functionArns[arn]);
        }

        Assert.Equal(
            ["ApplyHealthChecksFunction", "ApplyRecordLayerFunction", "CheckChangeFunction", "FinalizeFunction",
                "PlanTreeFunction", "RollbackFunction"],
            invoked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void State_machine_may_invoke_only_the_functions_it_uses()
    {
        var role = RolePolicies.Of(Template, Evaluator, RolePolicies.RoleOf(Template, StateMachine));
        var used = Definition.Tasks.Select(t => InvokedFunctionArn(t.Name, t.State)).ToHashSet();

        var extra = Template.Functions.Select(id => Evaluator.String(Arn(id)))
            .Where(arn => !used.Contains(arn) && role.Grants("lambda:InvokeFunction", arn)).ToList();

        Assert.True(extra.Count == 0, $"{role.RoleId} may invoke functions no state uses: {string.Join(", ", extra)}");
    }

    [Fact]
    public void State_machine_is_standard_and_logs_and_traces()
    {
        var properties = Template.Properties(StateMachine);
        var logging = properties.GetProperty("LoggingConfiguration");
        var group = logging.GetProperty("Destinations")[0].GetProperty("CloudWatchLogsLogGroup").GetProperty("LogGroupArn")
            .GetProperty("Fn::GetAtt")[0].GetString()!;

        Assert.Equal("STANDARD", properties.GetProperty("StateMachineType").GetString());
        Assert.NotEqual("OFF", logging.GetProperty("Level").GetString());
        Assert.Equal("AWS::Logs::LogGroup", Template.TypeOf(group));
        Assert.True(properties.GetProperty("TracingConfiguration").GetProperty("Enabled").GetBoolean());
    }

    [Fact]
    public void The_tree_lock_outlives_the_longest_step_its_retry_delay_and_wait_so_a_live_run_never_loses_it()
    {
        // A step renews the lock when it starts and before every write; between two renewals of a live run lie at most
        // one invocation (its function's Timeout), one retry delay (MaxDelaySeconds of a Retry) and one Wait (the sync
        // poll interval). A lock shorter than that could expire under a run that is still working and let another run
        // in; fencing would then stop the first one halfway.
        var functions = Template.Functions.ToDictionary(id => Evaluator.String(Arn(id)), id => id);
        var longestStep = Definition.Tasks
            .Select(t => functions[InvokedFunctionArn(t.Name, t.State)])
            .Max(id => TimeSpan.FromSeconds(Template.Properties(id).GetProperty("Timeout").GetInt32()));
        var longestRetryDelay = Definition.Tasks
            .SelectMany(t => t.State["Retry"]?.AsArray() ?? [])
            .Max(retry => LongestDelay(retry!.AsObject()));
        var workflow = Failover.Service.Workflow.WorkflowOptions.FromEnvironment(name => Environment(functions.Values, name));

        var needed = longestStep + longestRetryDelay + workflow.SyncPollInterval;
        Assert.True(workflow.LockTtl > needed,
            $"the lock lasts {workflow.LockTtl.TotalSeconds} s; a step may take {longestStep.TotalSeconds} s, wait "
            + $"{longestRetryDelay.TotalSeconds} s to be retried and {workflow.SyncPollInterval.TotalSeconds} s in a Wait");
    }

    /// <summary>
    /// The longest wait one Retry rule makes before an attempt: IntervalSeconds × BackoffRate^(MaxAttempts − 1), capped by
    /// MaxDelaySeconds (ASL defaults: 1 s, 3 attempts, rate 2.0 — Step Functions Developer Guide, "Retrying after an error").
    /// </summary>
    private static TimeSpan LongestDelay(JsonObject retry)
    {
        var interval = (double?)retry["IntervalSeconds"] ?? 1;
        var attempts = (int?)retry["MaxAttempts"] ?? 3;
        var rate = (double?)retry["BackoffRate"] ?? 2.0;
        var longest = attempts == 0 ? 0 : interval * Math.Pow(rate, attempts - 1);
        if ((double?)retry["MaxDelaySeconds"] is { } cap) longest = Math.Min(longest, cap);
        return TimeSpan.FromSeconds(longest);
    }

    /// <summary>A variable of the workflow functions' environment (one value for all of them, or null).</summary>
    private static string? Environment(IEnumerable<string> functions, string name)
    {
        var values = functions
            .Select(id => Template.Properties(id).TryGetProperty("Environment", out var environment)
                && environment.GetProperty("Variables").TryGetProperty(name, out var value) ? Evaluator.String(value) : null)
            .Where(value => value is not null).Distinct().ToList();
        Assert.True(values.Count <= 1, $"the functions disagree on {name}: {string.Join(", ", values)}");
        return values.SingleOrDefault();
    }

    /// <summary>The function a Task invokes: <c>"Resource": "${…Arn}"</c>, or the lambda:invoke integration's FunctionName.</summary>
    private static string InvokedFunctionArn(string name, JsonObject task)
    {
        var resource = (string)task["Resource"]!;
        var target = resource.StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal)
            ? (string?)task["Parameters"]?["FunctionName"]
                ?? throw new InvalidOperationException($"state {name}: lambda:invoke without a literal FunctionName")
            : resource;
        if (!target.StartsWith("${", StringComparison.Ordinal)) return target;
        var key = target[2..^1];
        Assert.True(Definition.Substitutions.TryGetProperty(key, out var value), $"state {name}: no substitution for ${{{key}}}");
        return Evaluator.String(value);
    }

    private static JsonElement Arn(string id) => JsonDocument.Parse($$"""{"Fn::GetAtt": ["{{id}}", "Arn"]}""").RootElement;
}
