using System.Text.Json.Nodes;
using Failover.Local.Realism;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Workflow;

/// <summary>
/// A re-apply of an unchanged tree writes nothing to Route 53, on the workflow path and on the direct path alike, and
/// whichever path applied it first. Counted by the realism layer (what the Route 53 side served), not by the client:
/// trees with health checks whose settings Route 53 may read back in another form — regions in a non-canonical order,
/// fqdn targets, string matching, settings merged over the tree's defaults.
/// </summary>
[Collection(AdoptionStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class NoOpReapplyTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private static readonly string[] MutatingOperations =
    [
        "ChangeResourceRecordSets", "CreateHealthCheck", "UpdateHealthCheck", "DeleteHealthCheck", "ChangeTagsForResource",
        "CreateHostedZone", "DeleteHostedZone",
    ];

    private readonly WorkflowTestSupport _support = new(stack, log);

    public static TheoryData<string, bool> Trees => new()
    {
        { "geo.yaml", false }, { "geo.yaml", true },
        { "complex.json", false }, { "multivalue.json", true },
        { HeldOut, false }, { HeldOut, true },
    };

    /// <summary>A tree written for this test (not an example): every health check setting Route 53 reads back on its own terms.</summary>
    private const string HeldOut = "held-out";

    [Theory]
    [MemberData(nameof(Trees))]
    public async Task Re_applying_an_unchanged_tree_makes_no_mutating_request_on_either_path(string tree, bool firstDirect)
    {
        var name = $"noop-{(tree == HeldOut ? "held" : Path.GetFileNameWithoutExtension(tree))}-{(firstDirect ? "d" : "w")}";
        var (path, spec) = tree == HeldOut ? WriteHeldOut(name) : _support.WriteSpec(tree, name);

        var first = await ApplyAsync(path, firstDirect);
        Assert.True(first.Code == 0, first.Out + first.Error);
        try
        {
            foreach (var direct in new[] { firstDirect, !firstDirect, firstDirect })
            {
                var before = Writes();
                var again = await ApplyAsync(path, direct);
                Assert.True(again.Code == 0, again.Out + again.Error);
                var written = Writes().Where(w => w.Value != before.GetValueOrDefault(w.Key))
                    .Select(w => $"{w.Key} ×{w.Value - before.GetValueOrDefault(w.Key)}").ToList();
                Assert.True(written.Count == 0,
                    $"re-apply of {tree} on the {(direct ? "direct" : "workflow")} path wrote: {string.Join(", ", written)}");
                if (direct) Assert.Contains("no changes", again.Out);
            }
        }
        finally
        {
            var destroyed = await _support.CliAsync("destroy", spec.Name, "--yes");
            Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
        }
    }

    private Task<(int Code, string Out, string Error)> ApplyAsync(string path, bool direct) =>
        direct ? _support.CliAsync("apply", path, "--yes", "--direct") : _support.CliAsync("apply", path, "--yes");

    private Dictionary<string, long> Writes() => MutatingOperations.ToDictionary(
        op => op, op => stack.Stack.Realism.Stats.Get(RealismStats.Requests, op));

    /// <summary>
    /// Defaults that a leaf overrides in part; regions given out of Route 53's order, and different orders in different
    /// leaves; a multi-value endpoint (its check targets the fqdn, the default with more than one value); an explicit
    /// fqdn target; string matching; SNI left to Route 53's default for HTTPS.
    /// </summary>
    private (string Path, Failover.Core.Spec.TreeSpec Spec) WriteHeldOut(string name) => _support.WriteSpec("complex.json", name, json =>
    {
        json["healthCheckDefaults"] = JsonNode.Parse("""
            { "type": "HTTPS_STR_MATCH", "port": 443, "path": "/status", "fqdn": "svc.example.com", "searchString": "ok",
              "regions": ["us-west-2", "eu-west-1", "ap-southeast-1", "us-east-1"], "requestInterval": 10, "failureThreshold": 2 }
            """);
        json["root"] = JsonNode.Parse("""
            {
              "id": "site", "routing": "failover",
              "primary": {
                "id": "pool", "routing": "weighted",
                "children": [
                  { "id": "multi", "weight": 10, "endpoint": { "values": ["192.0.2.51", "192.0.2.52"], "healthCheck": {} } },
                  { "id": "by-name", "weight": 10, "endpoint": { "values": ["192.0.2.53"], "healthCheck": {
                      "target": "fqdn", "fqdn": "b.svc.example.com", "type": "HTTPS",
                      "regions": ["sa-east-1", "us-east-1", "eu-west-1"] } } },
                  { "id": "plain", "weight": 5, "endpoint": { "values": ["192.0.2.54"], "healthCheck": {
                      "type": "HTTP", "port": 8080, "inverted": false, "measureLatency": true } } },
                  { "id": "match", "weight": 5, "endpoint": { "values": ["192.0.2.55"], "healthCheck": {
                      "type": "HTTP_STR_MATCH", "port": 80, "searchString": "healthy",
                      "regions": ["us-west-1", "ap-northeast-1", "eu-west-1"] } } }
                ]
              },
              "secondary": { "id": "backup", "endpoint": { "values": ["198.51.100.59"], "healthCheck": { "type": "TCP" } } }
            }
            """);
    });
}
