using Failover.EndToEnd.Tests.Workflow;
using Failover.Local.Realism;
using Failover.Service.Progress;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// Leaving: an applied tree is exported to Terraform and released. Route 53 keeps every record and check exactly (no
/// ChangeResourceRecordSets, no check deleted); the checks lose only the tree and node tags, which the export leaves out;
/// the tree is no longer listed, owns nothing and claims no name, so a destroy afterwards has nothing to delete and
/// the name is free for another tree. A release while a run holds the tree is refused and changes nothing.
/// </summary>
[Collection(AdoptionStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ReleaseTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);
    private ZoneByHand Zone => new(_support, stack.ZoneId, stack.Stack.Realism.Stats);

    [Fact]
    public async Task A_released_tree_leaves_Route_53_as_it_was_and_owns_nothing()
    {
        var (path, spec) = _support.WriteSpec("simple-failover.json", "released");
        var applied = await _support.CliAsync("apply", path, "--yes");
        Assert.True(applied.Code == 0, applied.Out + applied.Error);
        var name = spec.RecordName.TrimEnd('.');
        var store = stack.Services.Store;
        try
        {
            var before = await Zone.AtAsync(name);
            var checks = (await _support.HealthChecksAsync()).Select(c => c.GetProperty("Id").GetString()!).ToList();
            var tagsBefore = await _support.TagsAsync(checks);
            var treeChecks = tagsBefore.Where(t => t.Value.GetValueOrDefault("failover:tree") == spec.Name).Select(t => t.Key).ToList();
            Assert.NotEmpty(treeChecks);

            var exported = await _support.CliAsync("export", spec.Name, "--format", "terraform");
            Assert.True(exported.Code == 0, exported.Error);
            Assert.Contains("aws_route53_health_check", exported.Out);
            Assert.DoesNotContain("failover:tree", exported.Out);
            Assert.DoesNotContain("failover:node", exported.Out);

            // Refused while a run holds the tree, and nothing changes.
            Assert.True(await store.TryAcquireLockAsync(spec.Name, "run-in-progress", TimeSpan.FromMinutes(1)));
            var refused = await _support.CliAsync("release", spec.Name, "--yes");
            Assert.Equal(1, refused.Code);
            Assert.Contains("run-in-progress", refused.Error);
            Assert.NotEmpty(await store.GetOwnedRecordsAsync(spec.Name));
            Assert.True(await store.ReleaseLockAsync(spec.Name, "run-in-progress"));

            var writes = Zone.Writes();
            var listings = stack.Stack.Realism.Stats.Get(RealismStats.Requests, "ListResourceRecordSets");
            var released = await _support.CliAsync("release", spec.Name, "--yes");
            Assert.True(released.Code == 0, released.Out + released.Error);
            var delta = Zone.Delta(writes);
            // A release lets go of the records the store knows: it reads only the checks, never the zone.
            Assert.Equal(listings, stack.Stack.Realism.Stats.Get(RealismStats.Requests, "ListResourceRecordSets"));
            Assert.Equal(0, delta["ChangeResourceRecordSets"]);
            Assert.Equal(0, delta["CreateHealthCheck"] + delta["DeleteHealthCheck"] + delta["UpdateHealthCheck"]);
            Assert.Equal(treeChecks.Count, delta["ChangeTagsForResource"]);

            Assert.Equal(before, await Zone.AtAsync(name));
            var tagsAfter = await _support.TagsAsync(treeChecks);
            Assert.All(treeChecks, id =>
            {
                Assert.False(tagsAfter[id].ContainsKey("failover:tree"));
                Assert.False(tagsAfter[id].ContainsKey("failover:node"));
                Assert.Equal(tagsBefore[id].GetValueOrDefault("Name"), tagsAfter[id].GetValueOrDefault("Name"));
            });
            Assert.Empty(await store.GetOwnedRecordsAsync(spec.Name));
            Assert.Equal(TreeStatus.Deleted, (await store.GetTreeAsync(spec.Name))!.Status);
            Assert.Null(await store.GetRecordNameOwnerAsync(spec.HostedZoneId, spec.RecordName, spec.RecordType));
            Assert.DoesNotContain(spec.Name, (await _support.CliAsync("list")).Out);

            var again = await _support.CliAsync("release", spec.Name, "--yes");
            Assert.Equal(1, again.Code);
            Assert.Contains($"no tree is called '{spec.Name}'", again.Error);

            // What was released can be adopted again, with no record written; torn down here to leave the zone clean.
            var back = Path.Combine(Path.GetTempPath(), $"failover-readopt-{Guid.NewGuid():N}.json");
            var adopted = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "-o", back, "--tree", spec.Name);
            Assert.True(adopted.Code == 0, adopted.Error);
            var retaken = Zone.Writes();
            Assert.Equal(0, (await _support.CliAsync("apply", back, "--yes")).Code);
            Assert.Equal(0, Zone.Delta(retaken)["ChangeResourceRecordSets"]);
        }
        finally
        {
            await _support.CliAsync("destroy", spec.Name, "--yes");
        }
    }
}
