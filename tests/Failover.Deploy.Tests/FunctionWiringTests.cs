using Failover.Deploy.Tests.Template;
using Failover.Functions;
using Failover.Functions.Hosting;
using Failover.Service.Logging;

namespace Failover.Deploy.Tests;

/// <summary>The template's functions against the one binary they all run: every Handler is in its dispatch table.</summary>
[Trait("Category", "Deploy")]
public sealed class FunctionWiringTests
{
    private static readonly TranslatedTemplate Template = TranslatedTemplate.Instance;
    private static readonly TemplateEvaluator Evaluator = new(Template, new Deployment());

    // Handlers the binary carries for its own tests (bootstrap process tests), never deployed.
    private static readonly string[] TestOnlyHandlers = [BuiltInHandlers.EchoName, BuiltInHandlers.FailName];

    private static IReadOnlyList<string> CatalogHandlers() =>
        FunctionCatalog.Build(new EnvironmentFunctionServices(_ => null), new HostingOptions { Log = new LogSink(Stream.Null) }).Names;

    private static Dictionary<string, string> HandlersByFunction() =>
        Template.Functions.ToDictionary(id => id, id => Template.Properties(id).GetProperty("Handler").GetString()!);

    [Fact]
    public void Every_function_handler_is_in_the_binary_dispatch_table()
    {
        var catalog = CatalogHandlers();

        var missing = HandlersByFunction().Where(f => !catalog.Contains(f.Value)).Select(f => $"{f.Key} (Handler: {f.Value})").ToList();

        Assert.True(HandlersByFunction()
            .Count >= 9, $"expected the nine functions the template declares, found {string.Join(", ", Template.Functions)}");
        Assert.True(
            missing.Count == 0,
                $"handlers the binary does not serve: {string.Join(", ", missing)}; it serves {string.Join(", ", catalog)}");
    }

    [Fact]
    public void Every_handler_of_the_binary_is_deployed_as_exactly_one_function()
    {
        var deployed = HandlersByFunction().Values.ToList();

        var undeployed = CatalogHandlers().Except(TestOnlyHandlers).Where(handler => !deployed.Contains(handler)).ToList();
        var twice = deployed.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.True(undeployed.Count == 0, $"handlers no function of template.yaml runs: {string.Join(", ", undeployed)}");
        Assert.True(twice.Count == 0, $"handlers deployed as more than one function: {string.Join(", ", twice)}");
    }

    [Fact]
    public void Every_function_runs_the_makefile_built_bootstrap_on_provided_al2023_with_tracing()
    {
        foreach (var id in Template.Functions)
        {
            var function = Template.Resource(id);
            var properties = function.GetProperty("Properties");
            Assert.True(function.GetProperty("Metadata").GetProperty("BuildMethod")
                .GetString() == "makefile", $"{id}: Metadata.BuildMethod must be makefile");
            Assert.True(properties.GetProperty("Runtime").GetString() == "provided.al2023", $"{id}: Runtime must be provided.al2023");
            Assert.True(properties.GetProperty("TracingConfig").GetProperty("Mode")
                .GetString() == "Active", $"{id}: tracing must be Active");
            Assert.Equal(["x86_64"], Evaluator.Strings(properties.GetProperty("Architectures")));
            Assert.Equal(["arm64"],
                new TemplateEvaluator(Template,
                new Deployment { Parameters = new Dictionary<string, string> { ["Architecture"] = "arm64" } })
                .Strings(properties.GetProperty("Architectures")));
        }
    }

    [Fact]
    public void Every_function_logs_to_its_own_log_group_kept_for_LogRetentionDays()
    {
        var deployment = new Deployment { Parameters = new Dictionary<string, string> { ["LogRetentionDays"] = "90" } };
        var evaluator = new TemplateEvaluator(Template, deployment);
        var groups = new List<string>();
        foreach (var id in Template.Functions)
        {
            var group = Template.Properties(id).GetProperty("LoggingConfig").GetProperty("LogGroup").GetProperty("Ref").GetString()!;
            Assert.Equal("AWS::Logs::LogGroup", Template.TypeOf(group));
            Assert.True(
                evaluator.String(Template.Properties(group)
                .GetProperty("RetentionInDays")) == "90", $"{group} does not keep logs for LogRetentionDays");
            groups.Add(group);
        }
        Assert.Equal(groups.Count, groups.Distinct().Count());
    }

    [Fact]
    public async Task The_makefile_has_a_build_target_for_every_function()
    {
        // `sam build` runs `make build-<LogicalId>`; a dry run fails for a function the Makefile does not know.
        // PREBUILT_BOOTSTRAP names any existing file so the dry run plans a copy, never an AOT publish.
        foreach (var id in Template.Functions)
        {
            var plan = await Repository.RunAsync("make", "--no-print-directory", "-n", $"build-{id}", "ARTIFACTS_DIR=/tmp/failover-dry-run",
                "PREBUILT_BOOTSTRAP=template.yaml");
            Assert.Contains("/tmp/failover-dry-run/bootstrap", plan);
        }
    }
}
