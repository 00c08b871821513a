namespace Failover.Cli.Tests;

/// <summary>
/// Named contexts in the config file (<c>$FAILOVER_CONFIG</c> here): <c>failover context set|use|list</c>, a context
/// reached when no flag or variable names the API, flag &gt; environment &gt; context, and errors naming file and field.
/// Alone in its collection: it sets process-wide variables that every command reads.
/// </summary>
[Collection(ConfigFileCollection.Name)]
[Trait("Category", "Unit")]
public sealed class ContextTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"failover-config-{Guid.NewGuid():N}", "config.json");

    public ContextTests()
    {
        Environment.SetEnvironmentVariable("FAILOVER_CONFIG", _path);
        Environment.SetEnvironmentVariable("FAILOVER_API_URL", null);
        Environment.SetEnvironmentVariable("FAILOVER_CONTEXT", null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("FAILOVER_CONFIG", null);
        Environment.SetEnvironmentVariable("FAILOVER_CONTEXT", null);
        if (Directory.Exists(Path.GetDirectoryName(_path))) Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }

    [Fact]
    public async Task Set_use_and_list_keep_contexts_in_the_file_and_the_first_becomes_current()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("context", "set", "prod", "--api", "http://127.0.0.1:9", "--profile", "p")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("context", "set", "test", "--api", "http://127.0.0.1:8", "--region", "eu-west-1"))
            .ExitCode);
        var listed = await CliRunner.RunAsync("context", "list");
        Assert.Contains("* prod", listed.Out);
        Assert.Contains("  test", listed.Out);
        Assert.Equal(0, (await CliRunner.RunAsync("context", "use", "test")).ExitCode);
        Assert.Contains("\"current\": \"test\"", await File.ReadAllTextAsync(_path));
        Assert.Contains("* test", (await CliRunner.RunAsync("context", "list")).Out);
        Assert.Equal(2, (await CliRunner.RunAsync("context", "use", "nope")).ExitCode);
    }

    [Fact]
    public async Task The_current_context_is_reached_unless_a_variable_or_flag_names_another()
    {
        await CliRunner.RunAsync("context", "set", "prod", "--api", "http://127.0.0.1:9");
        await CliRunner.RunAsync("context", "set", "other", "--api", "http://127.0.0.1:7");

        Assert.Contains("127.0.0.1:9", (await CliRunner.RunAsync("list")).Error);
        Assert.Contains("127.0.0.1:7", (await CliRunner.RunAsync("list", "--context", "other")).Error);
        Assert.Contains("127.0.0.1:8", (await CliRunner.RunAsync("list", "--api", "http://127.0.0.1:8")).Error);
        Environment.SetEnvironmentVariable("FAILOVER_CONTEXT", "other");
        Assert.Contains("127.0.0.1:7", (await CliRunner.RunAsync("list")).Error);
        Environment.SetEnvironmentVariable("FAILOVER_CONTEXT", "gone");
        var unknown = await CliRunner.RunAsync("list");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains($"{_path}: no context is called 'gone' (it has: other, prod)", unknown.Error);
    }

    [Theory]
    [InlineData("""{"contexts": {"prod": {"api": "ftp://x"}}}""", "$.contexts.prod.api must be the service's http(s) URL")]
    [InlineData("""{"current": "prod", "contexts": {}}""", "$.current names context 'prod'")]
    [InlineData("""{"contexts": {"prod": {"url": "http://x"}}}""", "$.contexts.prod")]
    [InlineData("""{"contexts": """, "config.json: ")]
    public async Task A_broken_file_is_a_usage_error_naming_the_file_and_the_field(string content, string message)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.WriteAllTextAsync(_path, content);

        var outcome = await CliRunner.RunAsync("list");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(_path, outcome.Error);
        Assert.Contains(message, outcome.Error);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConfigFileCollection
{
    public const string Name = "config file";
}
