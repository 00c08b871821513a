using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Failover.Deploy.Tests.Binary;
using Failover.Deploy.Tests.Template;
using Failover.Functions.Tests;

namespace Failover.Deploy.Tests;

/// <summary>The package <c>make build-ApiFunction</c> makes for Lambda: what provided.al2023 needs from it, and that it runs.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ApiFunctionBuildTests(ApiFunctionPackage package) : IClassFixture<ApiFunctionPackage>
{
    /// <summary>Amazon Linux 2023, which provided.al2023 runs on, has glibc 2.34.</summary>
    private static readonly Version NewestGlibc = new(2, 34);

    [Fact]
    public void Package_is_an_executable_elf_bootstrap_for_this_machine()
    {
        var mode = File.GetUnixFileMode(package.Bootstrap);
        var elf = ElfImage.Read(package.Bootstrap);

        Assert.Equal(["bootstrap"], Directory.GetFiles(package.Folder).Select(Path.GetFileName));
        // Lambda runs the bootstrap as another user than the one who zipped it: everyone must be able to execute it.
        var everyoneExecutes = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Assert.True((mode & everyoneExecutes) == everyoneExecutes, $"bootstrap mode is {mode}");
        Assert.Contains(elf.Type, new[] { ElfImage.TypeExecutable, ElfImage.TypeSharedObject });
        Assert.Equal(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? ElfImage.MachineArm64 : ElfImage.MachineX64, elf.Machine);
    }

    [Fact]
    public void Package_needs_no_glibc_symbol_newer_than_amazon_linux_2023_has()
    {
        var glibc = ElfImage.Read(package.Bootstrap).VersionNeeds
            .Where(need => need.Version.StartsWith("GLIBC_", StringComparison.Ordinal))
            .Select(need => (need, Version: Version.Parse(need.Version["GLIBC_".Length..])))
            .ToList();

        Assert.NotEmpty(glibc);
        var newest = glibc.MaxBy(g => g.Version);
        Assert.True(newest.Version <= NewestGlibc,
            $"bootstrap needs {newest.need.Version} from {newest.need.Library}; Amazon Linux 2023 has GLIBC_{NewestGlibc}");
    }

    [Fact]
    public async Task Package_answers_an_api_gateway_request_through_the_runtime_api_with_the_template_s_settings()
    {
        var template = TranslatedTemplate.Instance;
        var function = template.Properties("ApiFunction");
        await using var api = await FakeRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(package.Bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var variable in function.GetProperty("Environment").GetProperty("Variables").EnumerateObject())
            start.Environment[variable.Name] = new TemplateEvaluator(template, Deployment.WithZones("Z0111111111AAAAAAAAAA")).String(variable.Value);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = function.GetProperty("Handler").GetString();
        start.Environment["AWS_REGION"] = "us-east-1";
        // Nothing may leave the machine: any AWS call would go to a closed loopback port and fail the request.
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        using var process = Process.Start(start)!;

        var request = """
            {"version":"2.0","routeKey":"$default","rawPath":"/no-such-route","rawQueryString":"","headers":{"accept":"application/json"},
             "requestContext":{"http":{"method":"GET","path":"/no-such-route","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},
             "requestId":"gw-1","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}
            """u8.ToArray();
        api.Enqueue(new FakeInvocation("deploy-api-1", request, DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds()));
        var post = await api.NextPostAsync();
        process.Kill();

        Assert.True(post.Kind == "response", $"expected a response, got {post.Kind} {post.ErrorTypeHeader}: {post.BodyText}");
        Assert.Equal("deploy-api-1", post.RequestId);
        using var response = JsonDocument.Parse(post.Body);
        Assert.Equal(404, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Contains("/no-such-route", response.RootElement.GetProperty("body").GetString());
    }
}
