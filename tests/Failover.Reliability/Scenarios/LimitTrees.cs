using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Suite;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Trees at the documented limits, sent through the HTTP API (the door that checks the spec's size) and applied by the
/// workflow (Step Functions on moto, the realism layer on): a generated A tree as large as the 256 KB spec limit allows,
/// whose leaf layer fills ChangeResourceRecordSets requests to 1,000 ResourceRecord elements; and a TXT tree whose
/// leaf layer fills them to 32,000 value characters, then changed in place so every change is an UPSERT (counted twice).
/// What a spec accepted at the door must do: apply and converge, never be refused later. Slow (minutes for the size
/// tree), so it runs in the suite's command, not in the test tier CI runs.
/// The node limit (10,000) cannot be reached under the size limit (a leaf takes at least ~60 bytes of JSON): the size
/// tree holds as many nodes as 256 KB allow.
/// </summary>
public sealed class LimitTrees : IScenario
{
    // Route 53 API reference, ChangeResourceRecordSets, and the Developer Guide's "Quotas" page: per request at most
    // 1,000 ResourceRecord elements and 32,000 characters in all Value elements, an UPSERT's counted twice.
    private const int MaxResourceRecords = 1_000;
    private const int MaxValueCharacters = 32_000;

    public string Name => "limits";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult(Name)
            .Declare("size tree: bytes sent", Expectation.Info)
            .Declare("size tree: nodes", Expectation.Info)
            .Declare("size tree: leaf records", Expectation.Info)
            .Declare("size tree: seconds to apply", Expectation.Info)
            .Declare("TXT tree: value characters per leaf batch, largest", Expectation.Info)
            .Declare("TXT tree: seconds to apply and change", Expectation.Info)
            .Declare("leaf batches at the 1,000-record limit", Expectation.AboveZero)
            .Declare("leaf batches within 2% of the 32,000-character limit", Expectation.AboveZero)
            .Declare("UPSERT batches within 2% of the character limit (counted twice)", Expectation.AboveZero)
            .Declare("planned batches over a Route 53 request limit", Expectation.Zero)
            .Declare("refused at the door", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .Declare("requests the local stack refused as Route 53 would", Expectation.Zero)
            .Declare("5xx answers", Expectation.Zero)
            .DeclareAudit();
        // A 3,200-node tree is thousands of records in one zone and dozens of workflow steps: on a shared 2-core machine
        // its run takes longer than the suite's usual patience (a full run measured 381 s before it was cut off).
        var driver = new WorkflowDriver(context.Stack) { Patience = TimeSpan.FromMinutes(30) };
        var prefix = $"lim{context.Seed % 1000}";

        var size = SizeTree(context, $"{prefix}-size");
        var sent = SpecJsonWriter.WriteCompact(size);
        result.Add("size tree: bytes sent", Encoding.UTF8.GetByteCount(sent));
        result.Add("size tree: nodes", size.Root.DescendantsAndSelf().Count());
        result.Add("size tree: leaf records", size.Root.DescendantsAndSelf().Count(n => n.Endpoint is not null));
        var clock = Stopwatch.StartNew();
        var plan = await ApplyAsync(context, driver, result, sent, size, "size tree", cancellationToken);
        result.Add("size tree: seconds to apply", (long)clock.Elapsed.TotalSeconds);
        foreach (var batch in LeafBatches(plan))
        {
            if (batch.Records == MaxResourceRecords) result.Add("leaf batches at the 1,000-record limit");
        }

        clock.Restart();
        var (txt, txtChanged) = (TxtTree(context, $"{prefix}-txt", 'a'), TxtTree(context, $"{prefix}-txt", 'b'));
        plan = await ApplyAsync(context, driver, result, SpecJsonWriter.WriteCompact(txt), txt, "TXT tree", cancellationToken);
        var largest = 0;
        foreach (var batch in LeafBatches(plan))
        {
            largest = Math.Max(largest, batch.Characters);
            if (batch.Characters > MaxValueCharacters * 0.98) result.Add("leaf batches within 2% of the 32,000-character limit");
        }
        result.Add("TXT tree: value characters per leaf batch, largest", largest);
        // Every record replaced: the change-size guard asks for force, as the CLI's --force gives it.
        plan = await ApplyForcedAsync(context, driver, result, txtChanged, "TXT tree, changed", cancellationToken);
        foreach (var batch in LeafBatches(plan))
        {
            if (batch.Upserts > 0 && batch.Characters > MaxValueCharacters * 0.98)
                result.Add("UPSERT batches within 2% of the character limit (counted twice)");
        }
        result.Add("TXT tree: seconds to apply and change", (long)clock.Elapsed.TotalSeconds);

        var stats = await context.Stack.Realism.StatsAsync(cancellationToken);
        var refused = stats.Group("rejected").Sum(r => r.Value);
        if (refused > 0) result.Defect("requests the local stack refused as Route 53 would",
            string.Join(", ", stats.Group("rejected").Select(r => $"{r.Key} {r.Value}")), refused);
        return result;
    }

    /// <summary>
    /// The largest generated tree whose compact JSON fits the door's limit, with few health checks (each costs two
    /// calls, and the realism layer reads every check on each create) and a leaf layer of more than 2,000 records.
    /// </summary>
    private static TreeSpec SizeTree(ScenarioContext context, string name)
    {
        var limit = ValidationLimits.Default.MaxSpecBytes - 2 * 1024;
        var shape = new TreeGeneratorOptions
        {
            Name = name, HostedZoneId = context.Stack.ZoneId, ZoneName = context.Stack.ZoneName, HealthCheckedShare = 0.01,
            AliasLeafShare = 0.02,
        };
        TreeSpec? fits = null;
        for (var leaves = 2_000; ; leaves += 100)
        {
            var spec = new TreeGenerator(context.Seed).Generate(leaves, shape);
            if (Encoding.UTF8.GetByteCount(SpecJsonWriter.WriteCompact(spec)) > limit) break;
            fits = spec;
        }
        return fits ?? throw new InvalidOperationException("no generated tree of 2,000 leaves fits the spec limit");
    }

    /// <summary>
    /// 400 TXT leaves under four weighted rules, each value one 250-character string: 252 characters with its quotes, so
    /// a request holds 126 of them as CREATEs and 63 as UPSERTs before the 32,000-character limit.
    /// </summary>
    private static TreeSpec TxtTree(ScenarioContext context, string name, char fill)
    {
        var json = new StringBuilder();
        json.Append($$"""{"name":"{{name}}","hostedZoneId":"{{context.Stack.ZoneId}}","zoneName":"{{context.Stack.ZoneName}}",""");
        json.Append($$"""
            "recordName":"{{name}}.{{context.Stack.ZoneName}}","recordType":"TXT","ttl":60,
            """);
        json.Append("""
            "root":{"id":"all","routing":"weighted","children":[
            """);
        for (var group = 0; group < 4; group++)
        {
            if (group > 0) json.Append(',');
            json.Append($$"""{"id":"g{{group}}","weight":1,"routing":"weighted","children":[""");
            for (var leaf = 0; leaf < 100; leaf++)
            {
                if (leaf > 0) json.Append(',');
                var id = $"t{group}x{leaf}";
                var value = $"\\\"{id}-{new string(fill, 250 - id.Length - 1)}\\\"";
                json.Append($$"""{"id":"{{id}}","weight":1,"endpoint":{"values":["{{value}}"]""").Append("}}");
            }
            json.Append("]}");
        }
        json.Append("]}}");
        var loaded = SpecLoader.Load(json.ToString());
        return loaded.Spec
            ?? throw new InvalidOperationException("the TXT tree does not validate: " + string.Join("; ", loaded.Diagnostics));
    }

    private static async Task<JsonNode?> ApplyAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string text,
        TreeSpec desired, string what, CancellationToken cancellationToken)
    {
        var answer = await context.Stack.Api.PostTreeAsync(text, cancellationToken: cancellationToken);
        if (answer.IsServerError) result.Defect("5xx answers", $"{what}: {answer}");
        if (answer.Status != HttpStatusCode.Accepted || answer.RunId is not { } runId)
        {
            result.Defect("refused at the door", $"{what}: {answer}");
            return null;
        }
        var end = await driver.WaitAsync(runId, cancellationToken);
        return await FollowAsync(context, driver, result, end, desired, what, cancellationToken);
    }

    private static async Task<JsonNode?> ApplyForcedAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result,
        TreeSpec desired, string what, CancellationToken cancellationToken)
    {
        var started = await driver.ApplyAsync(desired, force: true, cancellationToken);
        var end = await driver.WaitAsync(started, cancellationToken);
        return await FollowAsync(context, driver, result, end, desired, what, cancellationToken);
    }

    private static async Task<JsonNode?> FollowAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, RunEnd end,
        TreeSpec desired, string what, CancellationToken cancellationToken)
    {
        if (!end.Succeeded) result.Defect("runs not succeeding", $"{what}: {end}");
        context.Say("limits", $"{what}: {end}");
        result.Record(await driver.AuditAsync(desired.Name, desired.RecordName, desired, cancellationToken: cancellationToken), what);
        var plan = await context.Stack.Store.GetPlanAsync(end.Started.RunId, cancellationToken);
        var parsed = plan is null ? null : JsonNode.Parse(plan);
        foreach (var batch in AllBatches(parsed))
        {
            if (batch.Records > MaxResourceRecords || batch.Characters > MaxValueCharacters)
                result.Defect("planned batches over a Route 53 request limit", $"{what}: {batch}");
        }
        return parsed;
    }

    /// <summary>One planned ChangeResourceRecordSets request, counted as Route 53 counts it.</summary>
    private sealed record BatchSize(string Layer, int Records, int Characters, int Upserts);

    private static IEnumerable<BatchSize> LeafBatches(JsonNode? plan) =>
        AllBatches(plan).Where(b => b.Layer.StartsWith("leaf", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<BatchSize> AllBatches(JsonNode? plan)
    {
        foreach (var layer in plan?["layers"]?.AsArray() ?? [])
        {
            foreach (var batch in layer?["changeBatches"]?.AsArray() ?? [])
            {
                int records = 0, characters = 0, upserts = 0;
                foreach (var change in batch!["Changes"]!.AsArray())
                {
                    var factor = change!["Action"]!.GetValue<string>() == "UPSERT" ? 2 : 1;
                    if (factor == 2) upserts++;
                    foreach (var record in change["ResourceRecordSet"]!["ResourceRecords"]?.AsArray() ?? [])
                    {
                        records += factor;
                        characters += factor * record!["Value"]!.GetValue<string>().Length;
                    }
                }
                yield return new BatchSize(layer!["name"]!.GetValue<string>(), records, characters, upserts);
            }
        }
    }
}
