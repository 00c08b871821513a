using Failover.Aws.Route53;
using Failover.Cli;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.LocalStack;
using Failover.Local.Aws;
using Failover.Service.Ports.Route53;

namespace Failover.EndToEnd.Tests.Import;

/// <summary>
/// <c>failover import-traffic-policy --policy-id</c> against the local stack: the policy and its policy records are read over
/// HTTP from the realism layer's Traffic Flow emulation, and become one tree whose attachments are the records' names —
/// public and private zones alike.
/// </summary>
[Collection(LocalStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class TrafficPolicyImportTests(LocalStackFixture fixture)
{
    private readonly Route53Client _route53 = new(
        new Route53ClientOptions { Endpoint = fixture.EdgeUrl, RequestsPerSecond = 1000, Burst = 1000 },
        credentials: LocalAccount.Credentials);

    [Fact]
    public async Task A_policy_with_three_policy_records_in_two_zones_imports_as_one_tree_with_their_names()
    {
        await fixture.ResetRealismAsync();
        var publicZone = fixture.ZoneId.Split('/').Last();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var inside = await _route53.CreateHostedZoneAsync($"corp-{suffix}.example", Guid.NewGuid().ToString(),
            vpc: new ZoneVpc(LocalAccount.Region, "vpc-0a1b2c3d4e5f60718"));
        var document = await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "examples", "traffic-policy", "latency-weighted-failover.json"));
        var policy = await _route53.CreateTrafficPolicyAsync("import-" + suffix, document);
        await _route53.CreateTrafficPolicyInstanceAsync(publicZone, $"www-{suffix}.example.com", 120, policy.Id, 1);
        await _route53.CreateTrafficPolicyInstanceAsync(publicZone, $"api-{suffix}.example.com", 120, policy.Id, 1);
        await _route53.CreateTrafficPolicyInstanceAsync(inside.HostedZone.Id, $"www.corp-{suffix}.example", 120, policy.Id, 1);
        var path = Path.Combine(Path.GetTempPath(), $"failover-import-{suffix}.json");

        var (code, _, error) = await CliAsync("import-traffic-policy", "--policy-id", policy.Id, "--policy-version", "1",
            "--name", "imported", "--endpoint", fixture.EdgeUrl.ToString(), "-o", path);

        Assert.True(code == 0, error);
        var loaded = SpecLoader.Load(await File.ReadAllTextAsync(path));
        Assert.False(loaded.HasErrors, string.Join("; ", loaded.Diagnostics));
        var spec = loaded.Spec!;
        var expected = new[]
        {
            $"api-{suffix}.example.com in {publicZone}", $"www-{suffix}.example.com in {publicZone}",
            $"www.corp-{suffix}.example in {inside.HostedZone.Id}",
        }.OrderBy(p => p.Split(" in ")[1], StringComparer.Ordinal).ThenBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expected, spec.AllAttachments.Select(a => a.ToString()));
        Assert.Equal(120, spec.Ttl);
        Assert.Equal($"corp-{suffix}.example", spec.AllAttachments.Single(a => a.HostedZoneId == inside.HostedZone.Id).ZoneName);
        Assert.Contains("tree 'imported' answers for", error);
    }

    [Fact]
    public async Task The_two_ways_to_import_do_not_mix_and_an_unknown_policy_is_named()
    {
        var mixed = await CliAsync("import-traffic-policy", "policy.json", "--policy-id", "abc", "--name", "www");
        Assert.Equal(CliApp.Usage, mixed.Code);
        var neither = await CliAsync("import-traffic-policy", "--name", "www");
        Assert.Equal(CliApp.Usage, neither.Code);

        var unknown = await CliAsync("import-traffic-policy", "--policy-id", Guid.NewGuid().ToString(), "--name", "www",
            "--endpoint", fixture.EdgeUrl.ToString());
        Assert.Equal(CliApp.Invalid, unknown.Code);
        Assert.Contains("NoSuchTrafficPolicy", unknown.Error);
    }

    private static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
