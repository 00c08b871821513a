using System.Xml.Linq;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Functions.Handlers;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Testing;
using Failover.Core.Contracts;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Permanent failures: after Plan, someone else writes into the zone where a record layer of the run (chosen by the
/// seed) will write — either a record at the very key the tree creates (the service must refuse to overwrite it) or
/// a plain record at the name the tree fills with its routing policy (Route 53 itself rejects the tree's batch). The
/// run must end ROLLED_BACK and the zone must be byte-for-byte what it was before the run (full
/// ListResourceRecordSets comparison, the foreign record aside), with the same health checks, and the foreign record
/// untouched. Runs one at a time: the whole zone is compared.
/// </summary>
public sealed class PermanentFailures : IScenario
{
    public string Name => "permanent-failures";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("cases", Expectation.Info)
            .Declare("conflicts injected", Expectation.AboveZero)
            .Declare("runs rolled back", Expectation.Info)
            .Declare("runs not rolled back", Expectation.Zero)
            .Declare("zone diffs after rollback", Expectation.Zero)
            .Declare("health check diffs after rollback", Expectation.Zero)
            .Declare("foreign records changed", Expectation.Zero)
            .DeclareAudit();
        var random = new Random(context.Seed);
        var cases = context.Pick(smoke: 2, full: 12);
        for (var i = 0; i < cases; i++)
        {
            result.Add("cases");
            await CaseAsync(context, driver, result, $"prm{context.Seed % 1000}-{i}", update: i % 2 == 1, sameKey: i % 3 != 1,
                random.Next(), cancellationToken);
        }
        return result;
    }

    private async Task CaseAsync(
        ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name, bool update, bool sameKey, int seed,
            CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var random = new Random(seed);
        var shape = new TreeGeneratorOptions { MaxDepth = random.Next(2, 5), MaxFanout = 3, MultivalueShare = 0, HealthCheckedShare = 0.7 };
        var v1 = driver.Generate(seed, name, random.Next(4, context.Pick(8, 24)), shape);
        var v2Spec = driver.Generate(seed + 1, name, random.Next(4, context.Pick(8, 24)), shape);
        var v2 = v2Spec is null ? null : WorkflowDriver.Load(CrashRecovery.RenamedNodes(v2Spec, "n"));
        if (v1 is null || v2 is null)
        {
            result.Note($"{name}: the generator made an invalid tree (seed {seed}); skipped");
            return;
        }
        var what = $"{name} {(update ? "update" : "create")}, foreign record " +
            $"{(sameKey ? "at a key the tree creates" : "of another routing policy at a name the tree fills")} (seed {seed})";
        if (update
            && !(await driver.WaitAsync(await driver.ApplyAsync(v1, cancellationToken: cancellationToken), cancellationToken)).Succeeded)
        {
            result.Defect("runs not rolled back", $"{what}: the first apply failed");
            return;
        }
        var victim = update ? v2 : v1;

        var before = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var checksBefore = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();
        XElement? foreign = null;
        string? foreignKey = null;
        var decided = false;
        RunEnd end;
        using (stack.BeforeStep(name, async invocation =>
        {
            if (decided || invocation.Function != WorkflowHandlers.ApplyRecordLayer
                || await stack.Store.GetPlanAsync(invocation.RunId, cancellationToken) is not { } json)
                return;
            decided = true;
            var used = (await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken)).Select(r => r.Name).ToHashSet();
            var candidates = PlanJson.Read(json).Layers.Where(l => l.Kind == PlanLayerKind.Records)
                .Select(l =>
                    l.ChangeBatches.SelectMany(b => b.Changes)
                    .Where(c => c.Action == ChangeAction.Create && !used.Contains(c.RecordSet.Name)).ToList())
                .Where(creates => creates.Count > 0).ToList();
            if (candidates.Count == 0) return;
            var target = candidates[random.Next(candidates.Count)][0].RecordSet;
            foreign = sameKey ? ForeignRecords.At(target) : ForeignRecords.SimpleAt(target.Name, target.Type);
            await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("CREATE", foreign), cancellationToken);
            foreignKey = sameKey ? ForeignRecords.KeyOf(target) : $"{target.Name} {target.Type} ";
        }))
        {
            end = await driver.WaitAsync(await driver.ApplyAsync(victim, force: true, cancellationToken), cancellationToken);
        }
        if (foreign is null)
        {
            result.Note($"{what}: no record layer creates at a new name; nothing injected");
            if (end.Succeeded) await TeardownAsync(driver, result, name, what, cancellationToken);
            return;
        }
        result.Add("conflicts injected");
        context.Say(Name, $"{what}: {end.Run?.Status} ({end.Run?.Error?.Split(':')[0]})");
        if (end.Run?.Status == RunStatus.RolledBack) result.Add("runs rolled back");
        else result.Defect("runs not rolled back", $"{what}: {end}");

        var after = await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken);
        var ignore = new HashSet<string> { foreignKey! };
        foreach (var difference in ZoneDiff.Of(before, after, ignore)) result.Defect("zone diffs after rollback", $"{what}: {difference}");
        var checksAfter = (await stack.Moto.HealthChecksAsync(cancellationToken)).Select(c => c.Id).Order().ToList();
        if (!checksAfter.SequenceEqual(checksBefore))
            result.Defect(
                "health check diffs after rollback", $"{what}: gone [{string.Join(",", checksBefore.Except(checksAfter))}], new " +
                    $"[{string.Join(",", checksAfter.Except(checksBefore))}]");
        var written = after.SingleOrDefault(r => r.Key == foreignKey);
        if (written is null || !SameRecord(written.Xml, foreign))
            result.Defect("foreign records changed", $"{what}: {foreignKey} is now {written?.Xml ?? "gone"}");
        result.Record(await driver.AuditAsync(name, victim.RecordName, update ? v1 : null, ignore, cancellationToken), what);

        await stack.Edge.ChangeAsync(stack.ZoneId, ForeignRecords.Batch("DELETE", foreign), cancellationToken);
        if (update) await TeardownAsync(driver, result, name, what, cancellationToken);
    }

    /// <summary>The same record set, field for field (Route 53 lists the elements in its own order).</summary>
    private static bool SameRecord(string listed, XElement written)
    {
        static string Canonical(XElement e) =>
            string.Join("|", e.Descendants().Where(d => !d.HasElements).Select(d => $"{d.Name.LocalName}={d.Value.TrimEnd('.')}").Order());
        return Canonical(XElement.Parse(listed)) == Canonical(written);
    }

    private static async Task TeardownAsync(WorkflowDriver driver, ScenarioResult result, string name, string what,
        CancellationToken cancellationToken)
    {
        var end = await driver.WaitAsync(await driver.TeardownAsync(name, cancellationToken), cancellationToken);
        if (!end.Succeeded) result.Note($"{what}: teardown {end}");
    }
}
