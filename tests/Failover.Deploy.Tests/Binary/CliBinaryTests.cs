using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Failover.Deploy.Tests.Binary;

/// <summary>
/// The installed <c>failover</c> (docs/cli.md, "Install"): a native executable that carries its runtime — every command
/// listed, a spec validated and planned offline, and the SigV4 path of <c>--api</c> with a
/// named profile — where trimming or a missing AOT-compatible path would fail only in the published binary.
/// </summary>
[Trait("Category", "Deploy")]
public sealed class CliBinaryTests(PublishedCli cli) : IClassFixture<PublishedCli>
{
    private sealed record Run(int ExitCode, string Out, string Error);

    [Fact]
    public void It_is_a_native_executable_with_nothing_beside_it_to_load()
    {
        var image = ElfImage.Read(cli.Path);
        var machine = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? ElfImage.MachineArm64 : ElfImage.MachineX64;
        Assert.Equal(machine, image.Machine);
        // A framework-dependent apphost finds and loads the runtime through libhostfxr; a Native AOT binary has no such name.
        var bytes = File.ReadAllBytes(cli.Path);
        Assert.Equal(-1, bytes.AsSpan().IndexOf("libhostfxr"u8));
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await RunAsync("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "validate", "plan", "diagram", "simulate", "apply", "destroy", "drift", "rollback",
            "status", "list", "runs", "dashboard" })
            Assert.Matches($"(?m)^  {command} ", run.Out);
    }

    [Fact]
    public async Task Validate_and_an_offline_plan_of_an_example()
    {
        var valid = await RunAsync("validate", Repository.PathOf("examples/www.json"));
        Assert.Equal(0, valid.ExitCode);
        Assert.Contains("valid tree 'www' (7 nodes)", valid.Out, StringComparison.Ordinal);

        var plan = await RunAsync("plan", Repository.PathOf("examples/complex.json"), "--offline", "--json");
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("\"tree\": \"shop\"", plan.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_profile_signs_requests_to_the_api()
    {
        // An AWS config file of its own, and an API on a loopback port that nothing listens on: the profile is read and
        // the request signed before the connection is refused, which the command reports as a failure (exit 1).
        var config = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"failover-cli-config-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(config,
            "[profile deploy]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = wJalrXUtnFEMI\nregion = eu-west-1\n");
        try
        {
            var run = await RunAsync(["list", "--api", "http://127.0.0.1:9", "--profile", "deploy"],
                ("AWS_CONFIG_FILE", config), ("AWS_SHARED_CREDENTIALS_FILE", config + ".none"));
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("could not be reached", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private Task<Run> RunAsync(params string[] arguments) => RunAsync(arguments, []);

    // Nothing of the test host's .NET or AWS settings: the binary runs as a user's shell would start it.
    private async Task<Run> RunAsync(string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(cli.Path, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root,
        };
        foreach (var name in start.Environment.Keys.Where(Inherited).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return new Run(process.ExitCode, await output, await errors);
    }

    private static bool Inherited(string name) =>
        name.StartsWith("DOTNET", StringComparison.Ordinal) || name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("AWS_", StringComparison.Ordinal);
}
