using System.Diagnostics;
using System.Text.Json;
using Failover.Functions.Hosting;
using Failover.Functions.Hosting.Logging;
using Failover.Functions.Hosting.RuntimeApi;

namespace Failover.Functions.Tests;

/// <summary>The Native AOT binary as Lambda runs it: a separate process talking to the Runtime API over HTTP.</summary>
public sealed class BootstrapProcessTests(PublishedBootstrap bootstrap) : IClassFixture<PublishedBootstrap>
{
    private static readonly long Deadline = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Published_binary_answers_an_invocation_through_the_runtime_api()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = Start(api, "Echo");
        api.Enqueue(new FakeInvocation("aot-echo", """{"tree":"www","version":2}"""u8.ToArray(), Deadline));

        var post = await api.NextPostAsync();

        Assert.Equal(("response", "aot-echo"), (post.Kind, post.RequestId));
        Assert.Equal("""{"tree":"www","version":2}""", post.BodyText);
        process.Kill();
    }

    [Fact]
    public async Task Published_binary_reports_a_handler_failure_as_an_error_and_logs_it_as_json()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = Start(api, "Fail");
        var stdout = process.StandardOutput.ReadToEndAsync();
        api.Enqueue(new FakeInvocation("aot-fail", "{}"u8.ToArray(), Deadline));

        var post = await api.NextPostAsync();
        process.Kill();
        var log = await stdout;

        Assert.Equal(("error", "aot-fail", BuiltInHandlers.FailErrorType), (post.Kind, post.RequestId, post.ErrorTypeHeader));
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal(0, body.RootElement.GetProperty("stackTrace").GetArrayLength());
        var line = Assert.Single(log.Split('\n', StringSplitOptions.RemoveEmptyEntries), text => text.Contains("aot-fail"));
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("ERROR", entry.RootElement.GetProperty("level").GetString());
        Assert.Equal("aot-fail", entry.RootElement.GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Published_binary_with_an_unknown_handler_reports_an_init_error_and_exits_non_zero()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        using var process = Start(api, "NoSuchHandler");

        var post = await api.NextPostAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(("init/error", LambdaBootstrap.HandlerNotFoundType), (post.Kind, post.ErrorTypeHeader));
        Assert.Contains("'NoSuchHandler'", JsonDocument.Parse(post.Body).RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(LambdaBootstrap.Failure, process.ExitCode);
    }

    [Fact]
    public async Task List_handlers_prints_the_catalog_names()
    {
        using var process = Process.Start(new ProcessStartInfo(bootstrap.Path, ["--list-handlers"]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        var catalog = FunctionCatalog.Build(new EnvironmentFunctionServices(_ => null), new HostingOptions { Log = new LogSink(Stream.Null) });
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(catalog.Names, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private Process Start(FakeRuntimeApi api, string handler)
    {
        var start = new ProcessStartInfo(bootstrap.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = handler;
        return Process.Start(start)!;
    }
}
