using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Deploy.Tests.Binary;
using Failover.Deploy.Tests.Template;
using Failover.Functions.Tests;

namespace Failover.Deploy.Tests;

/// <summary>The package <c>make build-ApiFunction</c> makes for Lambda: what provided.al2023 needs from it, and that it runs.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Trait("Category", "Deploy")]
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
        // The deployment allows one zone; the tree is in another. The API refuses it (403) from the allow-list the
        // template hands the function (ALLOWED_HOSTED_ZONE_IDS), before any AWS call.
        const string allowedZone = "Z0111111111AAAAAAAAAA";
        var template = TranslatedTemplate.Instance;
        var function = template.Properties("ApiFunction");
        var evaluator = new TemplateEvaluator(template, Deployment.WithZones(allowedZone));
        await using var api = await FakeRuntimeApi.StartAsync();
        var start = new ProcessStartInfo(package.Bootstrap) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var variable in function.GetProperty("Environment").GetProperty("Variables").EnumerateObject())
            start.Environment[variable.Name] = evaluator.String(variable.Value);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["_HANDLER"] = function.GetProperty("Handler").GetString();
        start.Environment["AWS_REGION"] = "us-east-1";
        // Nothing may leave the machine: any AWS call would go to a closed loopback port and fail the request.
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";
        start.Environment["AWS_ACCESS_KEY_ID"] = "testing";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "testing";
        using var process = Process.Start(start)!;

        var spec = File.ReadAllText(Repository.PathOf("examples/simple-failover.json"));
        var treeZone = JsonNode.Parse(spec)!["hostedZoneId"]!.GetValue<string>();
        var request = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "POST /trees",
            ["rawPath"] = "/trees",
            ["rawQueryString"] = "",
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["requestContext"] = new JsonObject
            {
                ["http"] =
                    new JsonObject { ["method"] = "POST", ["path"] = "/trees", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1" },
                ["requestId"] = "gw-1",
                ["routeKey"] = "POST /trees",
                ["stage"] = "$default",
            },
            ["body"] = spec,
            ["isBase64Encoded"] = false,
        };
        api.Enqueue(new FakeInvocation("deploy-api-1", System.Text.Encoding.UTF8.GetBytes(request.ToJsonString()),
            DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds()));
        var post = await api.NextPostAsync();
        process.Kill();

        Assert.NotEqual(allowedZone, treeZone);
        Assert.True(post.Kind == "response", $"expected a response, got {post.Kind} {post.ErrorTypeHeader}: {post.BodyText}");
        Assert.Equal("deploy-api-1", post.RequestId);
        using var response = JsonDocument.Parse(post.Body);
        Assert.True(response.RootElement.GetProperty("statusCode").GetInt32() == 403, post.BodyText);
        var problem = response.RootElement.GetProperty("body").GetString()!;
        Assert.Contains(treeZone, problem);
        // Not "allows no hosted zones": the function read a non-empty allow-list from the template's environment.
        Assert.Contains("not one this service may change", problem);
    }
}
