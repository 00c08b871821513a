namespace Failover.Cli.Tests;

/// <summary>The workflow commands' own checks, before any AWS call; their runs are tested end to end on the local stack.</summary>
[Trait("Category", "Unit")]
public sealed class WorkflowCommandTests
{
    // Nothing listens on the discard port: a command that calls AWS fails fast with a connection error.
    private const string Nowhere = "http://127.0.0.1:9";

    [Fact]
    public async Task Help_lists_status_and_rollback()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.Contains("status", outcome.Out);
        Assert.Contains("rollback", outcome.Out);
    }

    [Fact]
    public async Task Rollback_needs_a_version_number()
    {
        var missing = await CliRunner.RunAsync("rollback", "shop", "--endpoint", Nowhere);
        var zero = await CliRunner.RunAsync("rollback", "shop", "--to-version", "0", "--endpoint", Nowhere);

        Assert.Equal(2, missing.ExitCode);
        Assert.Equal(2, zero.ExitCode);
        Assert.Contains("--to-version must be a version number", zero.Error);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_one_line_and_exit_1_never_a_stack_trace()
    {
        foreach (var args in new[]
        {
            new[] { "status", "shop" }, ["list"], ["destroy", "shop", "--yes"], ["apply", CliRunner.Example("www.json")],
            ["plan", CliRunner.Example("www.json")],
        })
        {
            var outcome = await CliRunner.RunAsync([.. args, "--endpoint", Nowhere]);

            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains("cannot reach AWS", outcome.Error);
            Assert.DoesNotContain("   at ", outcome.Error);
        }
    }

    // Terraform's habit: a command that changes Route 53 asks first, and a script must say --yes. Nothing is called
    // before the answer: the endpoint is nowhere, so reaching for it would be a connection error instead.
    [Theory]
    [InlineData("destroy", "shop")]
    [InlineData("rollback", "shop", "--to-version", "1")]
    public async Task Without_a_terminal_and_without_yes_nothing_changes(params string[] args)
    {
        var outcome = await CliRunner.RunAsync([.. args, "--endpoint", Nowhere]);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("nothing was changed, as there is no terminal to confirm on; run it again with --yes", outcome.Error);
        Assert.DoesNotContain("cannot reach AWS", outcome.Error);
    }

    [Theory]
    [InlineData("no", false)]
    [InlineData("y", false)]
    [InlineData("", false)]
    [InlineData("yes", true)]
    public async Task At_a_terminal_only_yes_goes_ahead(string typed, bool goesAhead)
    {
        var outcome = await CliRunner.RunAtTerminalAsync(typed + "\n", "destroy", "shop", "--endpoint", Nowhere);

        Assert.Contains("Destroy tree 'shop'", outcome.Out);
        Assert.Equal(1, outcome.ExitCode);
        if (goesAhead) Assert.Contains("cannot reach AWS", outcome.Error);
        else Assert.Contains("Cancelled: nothing was changed.", outcome.Out);
    }

    [Fact]
    public async Task An_api_url_that_is_not_http_is_a_usage_error()
    {
        var outcome = await CliRunner.RunAsync("status", "shop", "--api", "ftp://example.com");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("--api must be the service's http(s) URL", outcome.Error);
    }

    [Fact]
    public async Task Destroy_with_direct_reads_its_argument_as_a_spec()
    {
        var outcome = await CliRunner.RunAsync("destroy", "no-such-file.json", "--direct", "--endpoint", Nowhere);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("no-such-file.json: no such file", outcome.Error);
    }
}
