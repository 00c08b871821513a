using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Core.Spec;
using Failover.EndToEnd.Tests.Workflow;
using Xunit.Abstractions;

namespace Failover.EndToEnd.Tests.Adoption;

/// <summary>
/// A failover configuration built by hand with the AWS CLI, in the order of Route 53's failover task list (health checks,
/// then the records that answer, then the aliases above them), with helper names and set identifiers of the user's
/// choosing: adopted, applied with zero record changes (counted by the realism layer), then edited make-before-break;
/// and the guards — a name another tree owns, a record changed between adopt and apply.
/// </summary>
[Collection(AdoptionStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AdoptionTakeOverTests(WorkflowStackFixture stack, ITestOutputHelper log)
{
    private readonly WorkflowTestSupport _support = new(stack, log);
    private ZoneByHand Zone => new(_support, stack.ZoneId, stack.Stack.Realism.Stats);

    [Fact]
    public async Task A_hand_built_failover_is_taken_over_with_no_record_change_then_edited_make_before_break()
    {
        var name = "takeover.example.com";
        var blueCheck = await CreateHealthCheckAsync("192.0.2.61");
        var greenCheck = await CreateHealthCheckAsync("192.0.2.62");
        await UpsertAsync(
            Weighted($"blue-green.{name}", "Blue", 200, "192.0.2.61", blueCheck),
            Weighted($"blue-green.{name}", "green", 55, "192.0.2.62", greenCheck));
        await UpsertAsync(
            Record(name, "Primary Site", "\"Failover\": \"PRIMARY\", \"AliasTarget\": { \"HostedZoneId\": \"" + stack.ZoneId +
                $"\", \"DNSName\": \"blue-green.{name}\", \"EvaluateTargetHealth\": true }}"),
            Record(name, "Sorry", "\"Failover\": \"SECONDARY\", \"TTL\": 60, \"ResourceRecords\": [ { \"Value\": \"198.51.100.61\" } ]"));
        var before = await ZoneAtAsync(name);

        var specPath = Path.Combine(Path.GetTempPath(), $"failover-adopt-{Guid.NewGuid():N}.json");
        var adopted = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "-o", specPath);
        Assert.True(adopted.Code == 0, adopted.Error);
        var spec = SpecLoader.Load(File.ReadAllText(specPath)).Spec!;
        Assert.Equal(("takeover", "blue-green.takeover.example.com"), (spec.Name, spec.Root.Primary!.HelperName));
        Assert.Equal(["Blue", "green"], spec.Root.Primary.Children.Select(c => c.SetIdentifier ?? c.Id));
        Assert.Equal(2, spec.Adopt!.HealthChecks.Count);

        try
        {
            var writes = Writes();
            var applied = await _support.CliAsync("apply", specPath, "--yes");
            Assert.True(applied.Code == 0, applied.Out + applied.Error);
            var taken = Delta(writes);
            log.WriteLine($"take-over: {string.Join(", ", taken.Select(w => $"{w.Key} ×{w.Value}"))}");
            // The figure: no record written, no check created or deleted; the two adopted checks tagged.
            Assert.Equal(0, taken.GetValueOrDefault("ChangeResourceRecordSets"));
            Assert.Equal(0, taken.GetValueOrDefault("CreateHealthCheck") + taken.GetValueOrDefault("DeleteHealthCheck"));
            Assert.Equal(2, taken.GetValueOrDefault("ChangeTagsForResource"));
            Assert.Equal(before, await ZoneAtAsync(name));
            var tags = await _support.TagsAsync([blueCheck, greenCheck]);
            Assert.All(tags.Values, t => Assert.Equal("takeover", t["failover:tree"]));

            var plan = await _support.CliAsync("plan", specPath, "--detailed-exitcode");
            Assert.True(plan.Code == 0, plan.Out + plan.Error);

            // Leaving: the Terraform hand-over imports exactly the zone's records and the adopted checks by their live ids.
            var tf = await _support.CliAsync("export", "takeover", "--format", "terraform");
            Assert.True(tf.Code == 0, tf.Error);
            var imported = System.Text.RegularExpressions.Regex.Matches(tf.Out, "\n  id = \"([^\"]+)\"").Select(m => m.Groups[1].Value)
                .Order(StringComparer.Ordinal).ToList();
            var zoneIds = (await _support.RecordsAsync()).Where(r => r.GetProperty("Name").GetString()!.TrimEnd('.').EndsWith(name))
                .Select(r => $"{stack.ZoneId}_{r.GetProperty("Name").GetString()!.TrimEnd('.')}_{r.GetProperty("Type").GetString()}" +
                    (r.TryGetProperty("SetIdentifier", out var set) ? "_" + set.GetString() : ""))
                .Append(blueCheck).Append(greenCheck).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(zoneIds, imported);

            // Someone else may not adopt what the tree now owns.
            var again = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "--tree", "intruder");
            Assert.Equal(1, again.Code);
            Assert.Contains("tree 'takeover' already owns the records at takeover.example.com A", again.Error);

            // The project's own helper name: the new group is made before the alias moves, the old one goes after.
            var edited = Edit(specPath, json =>
            {
                json["root"]!["primary"]!.AsObject().Remove("helperName");
                json["root"]!["primary"]!["children"]![0]!["weight"] = 120;
            });
            stack.Zone.Clear();
            // Moving the whole group to a new name replaces most of the tree's records: the change-size guard wants --force.
            var moved = await _support.CliAsync("apply", edited, "--yes", "--force");
            Assert.True(moved.Code == 0, moved.Out + moved.Error);
            var zoneNow = await ZoneAtAsync(name);
            Assert.Contains(zoneNow, r => r.StartsWith("_primary-site.takeover.example.com A Blue", StringComparison.Ordinal)
                && r.Contains("\"Weight\":120"));
            Assert.DoesNotContain(zoneNow, r => r.StartsWith("blue-green.", StringComparison.Ordinal));
            Assert.All(stack.Zone.Snapshots, snapshot =>
                Assert.True(WorkflowTestSupport.Answers(snapshot, name, "A", stack.ZoneId), "the name went without an answer"));
        }
        finally
        {
            var destroyed = await _support.CliAsync("destroy", "takeover", "--yes");
            Assert.True(destroyed.Code == 0, destroyed.Out + destroyed.Error);
            // Adopted checks are the tree's: its teardown deletes them with its records.
            var left = (await _support.HealthChecksAsync()).Select(h => h.GetProperty("Id").GetString()).ToList();
            Assert.DoesNotContain(blueCheck, left);
            Assert.DoesNotContain(greenCheck, left);
        }
    }

    [Fact]
    public async Task A_record_changed_between_adopt_and_apply_stops_the_apply_before_any_change()
    {
        var name = "guarded.example.com";
        await UpsertAsync(Weighted(name, "one", 10, "192.0.2.71", null), Weighted(name, "two", 20, "192.0.2.72", null));
        var specPath = Path.Combine(Path.GetTempPath(), $"failover-adopt-{Guid.NewGuid():N}.json");
        var adopted = await _support.CliAsync("adopt", "--zone", stack.ZoneId, "--name", name, "-o", specPath);
        Assert.True(adopted.Code == 0, adopted.Error);
        try
        {
            await UpsertAsync(Weighted(name, "two", 30, "192.0.2.72", null));
            var before = await ZoneAtAsync(name);
            var writes = Writes();
            var applied = await _support.CliAsync("apply", specPath, "--yes");
            Assert.Equal(1, applied.Code);
            Assert.Contains("changed since it was adopted", applied.Out + applied.Error);
            Assert.Equal(0, Delta(writes).GetValueOrDefault("ChangeResourceRecordSets"));
            Assert.Equal(before, await ZoneAtAsync(name));

            var direct = await _support.CliAsync("apply", specPath, "--yes", "--direct");
            Assert.Equal(1, direct.Code);
            Assert.Contains("changed since it was adopted", direct.Out + direct.Error);
        }
        finally
        {
            await _support.CliAsync("destroy", "guarded", "--yes");
            await ChangeAsync("DELETE", [Weighted(name, "one", 10, "192.0.2.71", null), Weighted(name, "two", 30, "192.0.2.72", null)]);
        }
    }

    private static string Record(string name, string id, string fields) => ZoneByHand.Record(name, id, fields);

    private static string Weighted(string name, string id, int weight, string address, string? check) =>
        ZoneByHand.Weighted(name, id, weight, address, check);

    private Task UpsertAsync(params string[] records) => Zone.UpsertAsync(records);

    private Task ChangeAsync(string action, string[] records) => Zone.ChangeAsync(action, records);

    private Task<string> CreateHealthCheckAsync(string address) => Zone.CreateHealthCheckAsync(address);

    private Task<List<string>> ZoneAtAsync(string name) => Zone.AtAsync(name);

    private Dictionary<string, long> Writes() => Zone.Writes();

    private Dictionary<string, long> Delta(Dictionary<string, long> before) => Zone.Delta(before);

    private static string Edit(string path, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        var edited = Path.ChangeExtension(path, ".edited.json");
        File.WriteAllText(edited, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return edited;
    }
}
