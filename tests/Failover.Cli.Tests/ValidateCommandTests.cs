namespace Failover.Cli.Tests;

[Trait("Category", "Unit")]
public sealed class ValidateCommandTests
{
    [Theory]
    [InlineData("www.json")]
    [InlineData("complex.json")]
    public async Task Valid_example_exits_zero(string example)
    {
        var outcome = await CliRunner.RunAsync("validate", CliRunner.Example(example));
        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("valid tree", outcome.Out);
    }

    [Fact]
    public async Task Invalid_spec_exits_one_with_every_error_path_first()
    {
        // Two independent mistakes: a weight out of range and a duplicate id.
        var spec = File.ReadAllText(CliRunner.Example("www.json"))
            .Replace("\"weight\": 50", "\"weight\": 300")
            .Replace("\"id\": \"euw1\"", "\"id\": \"use1\"");
        var outcome = await CliRunner.RunAsync("validate", CliRunner.TempFile(spec));

        Assert.Equal(1, outcome.ExitCode);
        var errors = outcome.ErrorLines.Where(l => !l.Contains("warning:")).ToArray();
        Assert.True(errors.Length >= 2, outcome.Error);
        Assert.All(errors, line => Assert.StartsWith("$", line));
        Assert.Contains(errors, l => l.Contains(".weight"));
        Assert.Contains(errors, l => l.Contains("use1"));
    }

    [Fact]
    public async Task Reads_stdin_when_spec_is_dash()
    {
        var outcome = await CliRunner.RunWithStdinAsync(File.ReadAllText(CliRunner.Example("www.json")), "validate", "-");
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task Malformed_json_exits_one_with_a_position_and_no_trace()
    {
        var outcome = await CliRunner.RunWithStdinAsync("{\"name\": \"www\", ", "validate", "-");
        Assert.Equal(1, outcome.ExitCode);
        Assert.DoesNotContain("   at ", outcome.Error);
        Assert.NotEmpty(outcome.ErrorLines);
    }

    [Fact]
    public async Task Missing_file_is_a_usage_error()
    {
        var outcome = await CliRunner.RunAsync("validate", "/nonexistent/tree.json");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("/nonexistent/tree.json", outcome.Error);
    }

    [Fact]
    public async Task Unknown_option_is_a_usage_error()
    {
        var outcome = await CliRunner.RunAsync("validate", "--frobnicate", CliRunner.Example("www.json"));
        Assert.Equal(2, outcome.ExitCode);
    }

    [Fact]
    public async Task Help_describes_every_command()
    {
        var outcome = await CliRunner.RunAsync("--help");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
        foreach (var command in new[] { "validate", "plan", "diagram", "simulate", "import-traffic-policy", "apply", "destroy", "drift" })
            Assert.Contains(command, outcome.Out);
    }
}
