using System.Net;
using Failover.Core.Spec;
using Failover.Reliability.Audit;
using Failover.Reliability.Figures;
using Failover.Reliability.Stack;
using Failover.Reliability.Suite;
using Failover.Testing;

namespace Failover.Reliability.Scenarios;

/// <summary>
/// Races through the HTTP API, all requests released at once: N applies of the same new tree (exactly one 202, the
/// others 409, one run); applies of different trees in one zone (all accepted, all converge); N different trees
/// claiming one record name and type (exactly one 202, and only its records ever at that name — then, once it is torn
/// down, another tree may take the name). No request is answered 5xx.
/// </summary>
public sealed class Races : IScenario
{
    public string Name => "races";

    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var driver = new WorkflowDriver(stack);
        var result = new ScenarioResult(Name)
            .Declare("concurrent requests", Expectation.Info)
            .Declare("same tree: 202 answers", Expectation.Info)
            .Declare("same tree: 409 answers", Expectation.Info)
            .Declare("same tree: rounds without exactly one 202", Expectation.Zero)
            .Declare("same tree: versions stored beyond one", Expectation.Zero)
            .Declare("different trees: refused", Expectation.Zero)
            .Declare("same name: 202 answers", Expectation.Info)
            .Declare("same name: rounds without exactly one 202", Expectation.Zero)
            .Declare("same name: records of a second tree at the name", Expectation.Zero)
            .Declare("same name: refused trees stored", Expectation.Zero)
            .Declare("same name: later claims not refused", Expectation.Zero)
            .Declare("same name: name not free after teardown", Expectation.Zero)
            .Declare("answers other than 202 or 409", Expectation.Zero)
            .Declare("5xx answers", Expectation.Zero)
            .Declare("runs not succeeding", Expectation.Zero)
            .DeclareAudit();
        var random = new Random(context.Seed);
        var rounds = context.Pick(smoke: 1, full: 4);
        var racers = context.Pick(smoke: 6, full: 12);
        for (var round = 0; round < rounds; round++)
        {
            var prefix = $"rc{context.Seed % 1000}-{round}";
            await SameTreeAsync(context, driver, result, $"{prefix}-same", racers, random.Next(), cancellationToken);
            await DifferentTreesAsync(context, driver, result, $"{prefix}-diff", context.Pick(2, 6), random.Next(), cancellationToken);
            await SameNameAsync(context, driver, result, $"{prefix}-name", racers, random.Next(), cancellationToken);
        }
        return result;
    }

    private static async Task SameTreeAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name,
        int racers, int seed, CancellationToken cancellationToken)
    {
        var spec = driver.Generate(seed, name, new Random(seed).Next(2, 8));
        if (spec is null) return;
        var answers =
            await AllAtOnceAsync(context, result, Enumerable.Repeat(SpecJsonWriter.Write(spec), racers).ToList(), cancellationToken);
        var accepted = answers.Where(a => a.Status == HttpStatusCode.Accepted).ToList();
        result.Add("same tree: 202 answers", accepted.Count);
        result.Add("same tree: 409 answers", answers.Count(a => a.Status == HttpStatusCode.Conflict));
        if (accepted.Count != 1) result.Defect(
            "same tree: rounds without exactly one 202", $"{name}: {accepted.Count} of {racers} accepted");
        var versions = await context.Stack.Store.ListVersionsAsync(name, cancellationToken: cancellationToken);
        if (versions.Count > 1) result.Defect(
            "same tree: versions stored beyond one", $"{name}: versions {string.Join(",", versions.Select(v => v.Version))} of one text",
            versions.Count - 1);
        foreach (var run in accepted) await ConvergeAsync(driver, result, run.RunId!, spec, name, cancellationToken);
        await TeardownAsync(context, driver, result, name, spec, cancellationToken);
    }

    private static async Task DifferentTreesAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string prefix,
        int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var specs = Enumerable.Range(0, count).Select(i => driver.Generate(random.Next(), $"{prefix}{i}", random.Next(1, 10)))
            .OfType<TreeSpec>().ToList();
        var answers = await AllAtOnceAsync(context, result, specs.Select(SpecJsonWriter.Write).ToList(), cancellationToken);
        for (var i = 0; i < specs.Count; i++)
        {
            if (answers[i].Status != HttpStatusCode.Accepted)
            {
                result.Defect("different trees: refused", $"{specs[i].Name}: {answers[i]}");
                continue;
            }
            await ConvergeAsync(driver, result, answers[i].RunId!, specs[i], specs[i].Name, cancellationToken);
        }
        foreach (var (spec, answer) in specs.Zip(answers).Where(p => p.Second.Status == HttpStatusCode.Accepted))
            await TeardownAsync(context, driver, result, spec.Name, spec, cancellationToken);
    }

    private static async Task SameNameAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string prefix,
        int racers, int seed, CancellationToken cancellationToken)
    {
        var stack = context.Stack;
        var random = new Random(seed);
        var recordName = $"{prefix}.{stack.ZoneName}";
        var specs = Enumerable.Range(0, racers)
            .Select(i =>
                driver.Generate(random.Next(), $"{prefix}-t{i}", random.Next(2, 8)) is { } spec
                ? WorkflowDriver.Load(SpecJsonWriter.Write(spec with { RecordName = recordName })) : null)
            .OfType<TreeSpec>().ToList();
        var answers = await AllAtOnceAsync(context, result, specs.Select(SpecJsonWriter.Write).ToList(), cancellationToken);
        var winners = specs.Zip(answers).Where(p => p.Second.Status == HttpStatusCode.Accepted).ToList();
        result.Add("same name: 202 answers", winners.Count);
        if (winners.Count != 1)
        {
            result.Defect("same name: rounds without exactly one 202", $"{recordName}: {winners.Count} of {specs.Count} trees accepted");
            foreach (var (spec, answer) in winners) await driver.WaitAsync(answer.RunId!, cancellationToken);
            foreach (var (spec, _) in winners) await TeardownAsync(context, driver, result, spec.Name, spec, cancellationToken);
            return;
        }
        var (winner, accepted) = winners[0];
        foreach (var refused in specs.Where(s => s.Name != winner.Name))
            if (await stack.Store.GetTreeAsync(refused.Name, cancellationToken) is not null)
                result.Defect("same name: refused trees stored", $"{refused.Name} was refused the name yet stored");
        await ConvergeAsync(driver, result, accepted.RunId!, winner, winner.Name, cancellationToken);
        CountForeignAtName(result, await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken), winner, recordName);

        // Later, one at a time: still refused while the name is held.
        var loser = specs.First(s => s.Name != winner.Name);
        var later = await stack.Api.PostTreeAsync(SpecJsonWriter.Write(loser), cancellationToken: cancellationToken);
        Count(result, later);
        if (later.Status != HttpStatusCode.Conflict) result.Defect("same name: later claims not refused", $"{loser.Name}: {later}");
        if (later.Status == HttpStatusCode.Accepted) await driver.WaitAsync(later.RunId!, cancellationToken);

        // Once the holder is torn down the name is free again.
        await TeardownAsync(context, driver, result, winner.Name, winner, cancellationToken);
        var freed = await stack.Api.PostTreeAsync(SpecJsonWriter.Write(loser), cancellationToken: cancellationToken);
        Count(result, freed);
        if (freed.Status != HttpStatusCode.Accepted)
        {
            result.Defect("same name: name not free after teardown", $"{loser.Name}: {freed}");
            return;
        }
        await ConvergeAsync(driver, result, freed.RunId!, loser, loser.Name, cancellationToken);
        CountForeignAtName(result, await stack.Moto.RecordSetsAsync(stack.ZoneId, cancellationToken), loser, recordName);
        await TeardownAsync(context, driver, result, loser.Name, loser, cancellationToken);
    }

    /// <summary>Records at the shared name (or its helper names) that are not the holder's: a second tree got in.</summary>
    private static void CountForeignAtName(ScenarioResult result, IReadOnlyList<ListedRecordSet> zone, TreeSpec holder, string recordName)
    {
        var wanted = Failover.Core.Compilation.TreeCompiler.Compile(holder).Records.Select(r => ForeignRecords.KeyOf(r.RecordSet))
            .ToHashSet();
        foreach (var record in zone.Where(r => TreeAudit.IsTreeName(r.Name, recordName) && !wanted.Contains(r.Key)))
            result.Defect("same name: records of a second tree at the name", $"{record.Key} beside tree {holder.Name}");
    }

    /// <summary>POSTs every body at the same moment.</summary>
    private static async Task<IReadOnlyList<ApiAnswer>> AllAtOnceAsync(ScenarioContext context, ScenarioResult result,
        IReadOnlyList<string> bodies, CancellationToken cancellationToken)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = bodies.Select(async body =>
        {
            await go.Task;
            return await context.Stack.Api.PostTreeAsync(body, cancellationToken: cancellationToken);
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(requests);
        foreach (var answer in answers) Count(result, answer);
        return answers;
    }

    private static void Count(ScenarioResult result, ApiAnswer answer)
    {
        result.Add("concurrent requests");
        if (answer.IsServerError) result.Defect("5xx answers", answer.ToString());
        if (answer.Status is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict)) result.Defect(
            "answers other than 202 or 409", answer.ToString());
    }

    private static async Task ConvergeAsync(WorkflowDriver driver, ScenarioResult result, string runId, TreeSpec spec, string what,
        CancellationToken cancellationToken)
    {
        var end = await driver.WaitAsync(runId, cancellationToken);
        if (!end.Succeeded) result.Defect("runs not succeeding", $"{what}: {end}");
        result.Record(
            await driver.AuditAsync(spec.Name, spec.RecordName, end.Succeeded ? spec : null, cancellationToken: cancellationToken), what);
    }

    private static async Task TeardownAsync(ScenarioContext context, WorkflowDriver driver, ScenarioResult result, string name,
        TreeSpec spec, CancellationToken cancellationToken)
    {
        var answer = await context.Stack.Api.DeleteTreeAsync(name, cancellationToken);
        if (answer.IsServerError) result.Defect("5xx answers", $"DELETE {name}: {answer}");
        if (answer.Status != HttpStatusCode.Accepted)
        {
            result.Defect("runs not succeeding", $"teardown of {name} refused: {answer}");
            return;
        }
        var end = await driver.WaitAsync(answer.RunId!, cancellationToken);
        if (!end.Succeeded) result.Defect("runs not succeeding", $"teardown of {name}: {end}");
        result.Record(await driver.AuditAsync(name, spec.RecordName, null, cancellationToken: cancellationToken), $"{name} after teardown");
    }
}
