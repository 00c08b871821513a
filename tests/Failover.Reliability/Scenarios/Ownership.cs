using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Compilation;
using Failover.Core.Spec;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Ownership and authorisation, through the HTTP API: a spec for a zone outside the allow-list is refused (403) before
/// any Route 53 call; records someone else made — at a key a tree wants, in its group, of another type at its name, at a
/// helper-looking name under it — are never modified or deleted, and a run that would have to write beside them does
/// not go ahead; teardown removes exactly the tree's records (the rest of the zone compared byte for byte); health
/// checks not tagged as the tree's — untagged, tagged for another tree, one the tree only names by id, one whose
/// CallerReference merely looks like the tree's — survive create, update and teardown.
/// </summary>
public sealed class Ownership : IScenario
{
    public string Name => "ownership";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("specs for zones outside the allow-list", Expectation.Info)
            .Declare("outside the allow-list: not refused with 403", Expectation.Zero)
            .Declare("outside the allow-list: Route 53 calls", Expectation.Zero)
            .Declare("foreign records placed", Expectation.AboveZero)
            .Declare("foreign health checks placed", Expectation.AboveZero)
            .Declare("runs that went ahead beside a foreign record", Expectation.Zero)
            .Declare("zone diffs after a refused run", Expectation.Zero)
            .Declare("foreign records changed or deleted", Expectation.Zero)
            .Declare("records removed by teardown that the tree did not own", Expectation.Zero)
            .Declare("tree records left after teardown", Expectation.Zero)
            .Declare("foreign health checks deleted", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .Declare("5xx answers", Expectation.Zero)
            .DeclareAudit();
        var random = new Random(context.Seed);
        var rounds = context.Pick(smoke: 1, full: 4);
        for (var round = 0; round < rounds; round++)
        {
            var prefix = $"own{context.Seed % 1000}-{round}";
            await AllowListAsync(context, driver, result, prefix, random.Next(), cancellationToken);
            await ForeignThingsAsync(context, driver, result, prefix, random.Next(), cancellationToken);
        }
        return result;
    }

    private static async Task AllowListAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string prefix,
        int seed, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var outside = await stack.Edge.CreateZoneAsync($"{prefix}.example.net", cancellationToken);
        var spec = driver.Generate(seed, $"{prefix}-out", 4)!;
        var text = SpecJsonWriter.Write(spec).Replace(stack.ZoneId, outside, StringComparison.Ordinal)
            .Replace($".{stack.ZoneName}\"", $".{prefix}.example.net\"", StringComparison.Ordinal)
            .Replace($"\"{stack.ZoneName}\"", $"\"{prefix}.example.net\"", StringComparison.Ordinal);
        foreach (var dryRun in new[] { false, true })
        {
            result.Add("specs for zones outside the allow-list");
            var before = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests;
            var answer = await stack.Api.PostTreeAsync(text, dryRun: dryRun, cancellationToken: cancellationToken);
            var calls = (await stack.Realism.StatsAsync(cancellationToken)).TotalRequests - before;
            if (answer.IsServerError) result.Defect("5xx answers", answer.ToString());
            if (answer.Status != HttpStatusCode.Forbidden) result.Defect(
                "outside the allow-list: not refused with 403", $"zone {outside}{(dryRun ? ", dry run" : "")}: {answer}");
            if (calls > 0) result.Defect(
                "outside the allow-list: Route 53 calls", $"zone {outside}{(dryRun ? ", dry run" : "")}: {calls}", calls);
            if (answer.RunId is { } runId) await driver.WaitAsync(runId, cancellationToken);
        }
    }

    private static async Task ForeignThingsAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string prefix,
        int seed, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var random = new Random(seed);
        var treeName = $"{prefix}-t";
        var recordName = $"{treeName}.{stack.ZoneName}";

        // Someone else's health checks: untagged at one of the tree's addresses, one the tree will name by id, one
        // tagged for another tree, one whose reference starts like the tree's.
        var foreignChecks = new List<string>
        {
            await stack.Edge.CreateHealthCheckAsync($"manual-{Guid.NewGuid():N}", "192.0.2.10", cancellationToken: cancellationToken),
            await stack.Edge.CreateHealthCheckAsync($"named-{Guid.NewGuid():N}", "192.0.2.11", cancellationToken: cancellationToken),
            await stack.Edge.CreateHealthCheckAsync($"other-{Guid.NewGuid():N}", "192.0.2.12",
                new Dictionary<string, string> { ["failover:tree"] = $"{prefix}-other", ["failover:node"] = "e1" }, cancellationToken),
            await stack.Edge.CreateHealthCheckAsync($"{CallerReferences.PrefixFor(treeName)}manual.{Guid.NewGuid():N}",
                "192.0.2.13", cancellationToken: cancellationToken),
        };
        result.Add("foreign health checks placed", foreignChecks.Count);
        var ignoreChecks = foreignChecks.ToHashSet();

        // Someone else's records at and under the tree's name.
        var foreignRecords = new List<XElement>
        {
            Record(recordName, "TXT", "\"v=spf1 -all\""),
            Record(recordName, "AAAA", "2001:db8::99"),
            Record($"_foreign.{recordName}", "A", "203.0.113.98"),
            Record($"www.{recordName}", "A", "203.0.113.97"),
        };
        foreach (var record in foreignRecords) await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("CREATE", record),
            cancellationToken);
        result.Add("foreign records placed", foreignRecords.Count);
        var foreignKeys = (await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken))
            .Where(r => foreignRecords.Any(f => Same(r, f))).Select(r => r.Key).ToHashSet();

        // The tree: a generated one whose first endpoint names a foreign check by id.
        var generated = driver.Generate(seed, treeName, random.Next(4, 9))!;
        var v1 = NamingCheck(generated, foreignChecks[1]);
        // The update moves one endpoint: the API applies without force, and more would trip the change-size guard.
        var v2 = MovedEndpoint(v1);
        var zoneBefore = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var (label, spec) in new[] { ("create", v1), ("update", v2) })
        {
            var answer = await stack.Api.PostTreeAsync(SpecJsonWriter.Write(spec), cancellationToken: cancellationToken);
            if (answer.IsServerError) result.Defect("5xx answers", answer.ToString());
            var end = answer.RunId is { } runId ? await driver.WaitAsync(runId, cancellationToken) : null;
            if (end?.Succeeded != true) result.Defect("runs not succeeding", $"{treeName} {label}: {(object?)end ?? answer}");
            result.Record(
                await driver.AuditAsync(treeName, recordName, spec, foreignKeys, cancellationToken, ignoreChecks), $"{treeName} {label}");
            await CheckForeignAsync(stack, result, foreignRecords, foreignChecks, $"after {treeName} {label}", cancellationToken);
        }

        await RefusedBesideForeignAsync(context, driver, result, $"{prefix}-key", random.Next(), sameKey: true, cancellationToken);
        await RefusedBesideForeignAsync(context, driver, result, $"{prefix}-grp", random.Next(), sameKey: false, cancellationToken);

        // Teardown: exactly the tree's records go.
        var beforeTeardown = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var teardown = await stack.Api.DeleteTreeAsync(treeName, cancellationToken);
        var ended = teardown.RunId is { } id ? await driver.WaitAsync(id, cancellationToken) : null;
        if (ended?.Succeeded != true) result.Defect("runs not succeeding", $"{treeName} teardown: {(object?)ended ?? teardown}");
        var afterTeardown = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var treeKeys = TreeCompiler.Compile(v2).Records.Select(r => ForeignRecords.KeyOf(r.RecordSet)).ToHashSet();
        foreach (var difference in ZoneDiff.Of(beforeTeardown, afterTeardown, treeKeys))
            result.Defect("records removed by teardown that the tree did not own", $"{treeName}: {difference}");
        foreach (var left in afterTeardown.Where(r => treeKeys.Contains(r.Key)))
            result.Defect("tree records left after teardown", $"{treeName}: {left.Key}");
        result.Record(
            await driver.AuditAsync(treeName, recordName, null, foreignKeys, cancellationToken,
            ignoreChecks), $"{treeName} after teardown");
        await CheckForeignAsync(stack, result, foreignRecords, foreignChecks, $"after {treeName} teardown", cancellationToken);
        foreach (var difference in ZoneDiff.Of(zoneBefore, afterTeardown))
            result.Defect("records removed by teardown that the tree did not own", $"compared with before {treeName}: {difference}");

        foreach (var record in foreignRecords) await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("DELETE", record),
            cancellationToken);
    }

    /// <summary>
    /// A new tree whose records would have to sit beside someone else's — at the very key it wants, or in its routing
    /// group — is not applied: its run ends refused and the zone is exactly as it was.
    /// </summary>
    private static async Task RefusedBesideForeignAsync(
        ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string treeName, int seed, bool sameKey,
            CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var spec = driver.Generate(seed, treeName, new Random(seed).Next(2, 6), new Testing.TreeGeneratorOptions { MultivalueShare = 0 })!;
        var root = TreeCompiler.Compile(spec).Records.First(r => r.RecordSet.Name == spec.RecordName).RecordSet;
        var foreign = sameKey ? ForeignRecords.At(root) : ForeignRecords.At(root with { SetIdentifier = "canary" });
        if (root.SetIdentifier is null)
        {
            // A simple record at the root: someone else's record there is at the same key whichever way.
            foreign = Record(spec.RecordName, spec.RecordType, ForeignRecords.Value);
        }
        await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("CREATE", foreign), cancellationToken);
        result.Add("foreign records placed");
        var before = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var checksBefore = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();

        var answer = await stack.Api.PostTreeAsync(SpecJsonWriter.Write(spec), cancellationToken: cancellationToken);
        if (answer.IsServerError) result.Defect("5xx answers", answer.ToString());
        var what = $"{treeName} with a foreign record {(sameKey ? "at its root key" : "in its root group")}";
        if (answer.RunId is { } runId)
        {
            var end = await driver.WaitAsync(runId, cancellationToken);
            if (end.Run?.Status is RunStatus.Succeeded or RunStatus.Running) result.Defect(
                "runs that went ahead beside a foreign record", $"{what}: {end}");
        }
        var after = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var difference in ZoneDiff.Of(before, after)) result.Defect("zone diffs after a refused run", $"{what}: {difference}");
        var checksAfter = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();
        if (!checksAfter.SequenceEqual(checksBefore)) result.Defect("zone diffs after a refused run", $"{what}: the health checks changed");
        if (!after.Any(r => Same(r, foreign))) result.Defect("foreign records changed or deleted", $"{what}: {foreign}");
        await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("DELETE", foreign), cancellationToken);
    }

    private static async Task CheckForeignAsync(
        ReliabilityStack stack, ScenarioResult result, IReadOnlyList<XElement> records, IReadOnlyList<string> checks, string when,
            CancellationToken cancellationToken)
    {
        var zone = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        foreach (var record in records.Where(r => !zone.Any(listed => Same(listed, r))))
            result.Defect("foreign records changed or deleted", $"{when}: {record}");
        var ids = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).ToHashSet();
        foreach (var check in checks.Where(c => !ids.Contains(c))) result.Defect("foreign health checks deleted", $"{when}: {check}");
    }

    private static XElement Record(string name, string type, string value)
    {
        var ns = MotoReader.Ns;
        return new XElement(ns + "ResourceRecordSet", new XElement(ns + "Name", name + "."), new XElement(ns + "Type", type),
            new XElement(ns + "TTL", 300),
            new XElement(ns + "ResourceRecords", new XElement(ns + "ResourceRecord", new XElement(ns + "Value", value))));
    }

    /// <summary>The listed record set holds exactly what was written (field for field, in any element order).</summary>
    private static bool Same(ListedRecordSet listed, XElement written)
    {
        static string Canonical(XElement e) =>
            string.Join("|",
                e.Descendants().Where(d => !d.HasElements).Select(d => $"{d.Name.LocalName}={d.Value.TrimEnd('.').ToLowerInvariant()}")
                .Order());
        return Canonical(XElement.Parse(listed.Xml)) == Canonical(written);
    }

    /// <summary>The spec with its first endpoint answering with another address.</summary>
    private static TreeSpec MovedEndpoint(TreeSpec spec)
    {
        var json = JsonNode.Parse(SpecJsonWriter.Write(spec))!;
        JsonObject? Find(JsonNode? node) =>
            node is not JsonObject obj ? null
            : obj["endpoint"] is JsonObject endpoint ? endpoint
            : Find(obj["primary"]) ?? Find(obj["secondary"])
                ?? (obj["children"] as JsonArray)?.Select(Find).FirstOrDefault(e => e is not null);
        var leaf = Find(json["root"])!;
        var now = leaf["values"]![0]!.GetValue<string>();
        leaf["values"] = new JsonArray(now == "203.0.113.254" ? "203.0.113.253" : "203.0.113.254");
        return WorkflowDriver.Load(json.ToJsonString()) ?? throw new InvalidOperationException("moving an endpoint made the spec invalid");
    }

    /// <summary>The spec with its first health-checked endpoint naming an existing check by id instead.</summary>
    private static TreeSpec NamingCheck(TreeSpec spec, string healthCheckId)
    {
        var json = JsonNode.Parse(SpecJsonWriter.Write(spec))!;
        JsonObject? Find(JsonNode? node) =>
            node is not JsonObject obj ? null
            : obj["endpoint"] is JsonObject endpoint && endpoint["healthCheck"] is not null ? endpoint
            : Find(obj["primary"]) ?? Find(obj["secondary"])
                ?? (obj["children"] as JsonArray)?.Select(Find).FirstOrDefault(e => e is not null);
        if (Find(json["root"]) is { } leaf)
        {
            leaf.Remove("healthCheck");
            leaf["healthCheckId"] = healthCheckId;
        }
        return WorkflowDriver.Load(json.ToJsonString()) ?? spec;
    }
}
