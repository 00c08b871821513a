using System.Diagnostics;
using System.Text.Json;
using Failover.Functions.Hosting;
using Failover.Service.Logging;
using Failover.Functions.Hosting.RuntimeApi;

namespace Failover.Functions.Tests;

/// <summary>The Native AOT binary as Lambda runs it: a separate process talking to the Runtime API over HTTP.</summary>
[Trait("Category", "Deploy")]
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
        Assert.Equal("aot-fail", entry.RootElement.GetProperty("function_request_id").GetString());
        Assert.True(entry.RootElement.GetProperty("cold_start").GetBoolean());
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

        var catalog =
            FunctionCatalog.Build(new EnvironmentFunctionServices(_ => null), new HostingOptions { Log = new LogSink(Stream.Null) });
        Assert.Equal(0, process.ExitCode);
        Assert.Equal(catalog.Names, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Published_binary_serves_the_dashboard_it_embeds()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        // What the Api function's settings need to build the service; serving the page calls no AWS service.
        using var process = Start(api, "Api", new Dictionary<string, string>
        {
            ["AWS_REGION"] = "us-east-1", ["AWS_ACCESS_KEY_ID"] = "testing", ["AWS_SECRET_ACCESS_KEY"] = "testing",
            ["ALLOWED_HOSTED_ZONE_IDS"] = "Z0000000000000000000A", ["FAILOVER_TABLE"] = "failover-progress",
            ["FAILOVER_STATE_MACHINE_ARN"] = "arn:aws:states:us-east-1:123456789012:stateMachine:Provisioning",
        });

        var page = await InvokeApiAsync(api, "aot-page", "/");
        Assert.Equal(200, page.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("text/html", page.GetProperty("headers").GetProperty("content-type").GetString());
        var html = page.GetProperty("body").GetString()!;
        var script = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);

        var asset = await InvokeApiAsync(api, "aot-script", script);
        process.Kill();
        Assert.Equal(200, asset.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("text/javascript", asset.GetProperty("headers").GetProperty("content-type").GetString());
        Assert.False(asset.GetProperty("isBase64Encoded").GetBoolean());
        Assert.Contains("/trees", asset.GetProperty("body").GetString());
    }

    private static async Task<JsonElement> InvokeApiAsync(FakeRuntimeApi api, string requestId, string path)
    {
        var @event = $$"""
            {"version":"2.0","routeKey":"$default","rawPath":"{{path}}","rawQueryString":"","headers":{"accept":"text/html"},
             "requestContext":{"http":{"method":"GET","path":"{{path}}","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},
             "requestId":"{{requestId}}","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}
            """;
        api.Enqueue(new FakeInvocation(requestId, System.Text.Encoding.UTF8.GetBytes(@event), Deadline));
        var post = await api.NextPostAsync();
        Assert.True(post.Kind == "response", $"the invocation failed: {post.BodyText}");
        Assert.Equal(requestId, post.RequestId);
        return JsonDocument.Parse(post.Body).RootElement.Clone();
    }

    private Process Start(FakeRuntimeApi api, string handler, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(bootstrap.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = handler;
        return Process.Start(start)!;
    }
}
