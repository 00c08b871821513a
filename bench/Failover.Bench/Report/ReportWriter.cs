using Failover.Bench.Drift;
using Failover.Service.Drift;
using System.Globalization;
using System.Text;
using Failover.Bench.ColdStart;
using Failover.Bench.Convergence;
using Failover.Bench.PlannerScale;

namespace Failover.Bench.Report;

/// <summary>The Markdown report of an <c>all</c> run: figures, ratios, and each target with whether it was met.</summary>
internal static class ReportWriter
{
    public const string Workflow = "workflow";
    public const string Direct = "direct";
    public const string Baseline = "per-record";

    public static string Write(BenchResults results)
    {
        var md = new StringBuilder();
        void Line(params FormattableString[] parts) => md.AppendLine(MarkdownLine.Join(parts));
        var m = results.Machine;
        Line($"# Benchmarks{(results.Smoke ? " (smoke sizes: the figures only show the benchmarks work)" : "")}");
        Line($"");
        var command = $"dotnet run -c {BuildConfiguration.Name} --project bench/Failover.Bench -- all{(results.Smoke ? " --smoke" : "")}";
        Line($"Written by `{command}` on ",
            $"{m.Date:yyyy-MM-dd HH:mm} UTC at commit `{m.Commit}`, in {Total(results):F0} min.");
        Line($"");
        // What the load says, not what the machine was expected to run: the benchmark alone keeps about one core busy.
        Line($"**Machine:** {m.Describe()}. Load average over 1, 5 and 15 min: {m.LoadAverage} when the run started, ",
            $"{results.LoadAverageAtEnd} when it ended (the benchmark alone keeps about one of the {m.Cores} cores busy; more means ",
            $"other work ran beside it). Wall times carry the load; request counts do not depend on it, and the planner's CPU-time ",
            $"table leaves it out.");
        Line($"");
        Convergence(results, Line);
        Scale(results, Line);
        DriftCycle(results, Line);
        ApplyRate(results, md, Line);
        ColdStart(results, Line);
        Line($"Earlier measurements, and what was found and changed because of them: [history.md](history.md).");
        return md.ToString();
    }

    private static double Total(BenchResults results) => results.Durations.Values.Sum(d => d.TotalMinutes);

    private static void Convergence(BenchResults results, LineWriter line)
    {
        var settings = results.ConvergenceSettings;
        line($"## Convergence: applying a tree on the local stack");
        line($"");
        line($"The local stack with the Route 53 realism layer on: every change answers PENDING for {settings.Pending.TotalSeconds:0.#} ",
            $"s before INSYNC, and the account-wide rate (5 requests/s, burst 50) is answered with `Throttling`. Clients use the ",
            $"service's Route 53 client (5 requests/s of its own, retries with backoff) and poll GetChange every second. Each tree and ",
            $"strategy gets a fresh stack. **Counts are the realism layer's** (`/_local/realism/stats`: what the Route 53 side served), ",
            $"not the client's.");
        line($"");
        line($"- **{Workflow}**: the service's apply — a run of the real state machine (moto's Step Functions interpreter calling our ",
            $"functions), started with `RunStarter` as `failover apply` and `POST /trees` start it, followed until SUCCEEDED: health ",
            $"checks, one batch per layer (more if a layer is over Route 53's batch limits), one INSYNC wait at the end.");
        line($"- **{Direct}**: the same planner and applier in-process (`failover apply --direct`), without Step Functions or per-node ",
            $"progress items.");
        line($"- **{Baseline}**: what Terraform and CloudFormation do, run by the bench against the same stack: each health check ",
            $"created and tagged on its own, then one ChangeResourceRecordSets per record set, each followed by a wait for INSYNC, in ",
            $"dependency order, one at a time (Terraform `-parallelism=1`; its default of 10 would overlap waits but send the same ",
            $"requests).");
        line($"");
        line($"| tree | leaves | records | health checks | layers | strategy | requests | mutating | change batches | GetChange polls | ",
            $"INSYNC waits | reads | throttled | wall |");
        line($"|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in results.Convergence.Where(r => r.Operation == Operation.Apply))
        {
            var c = row.Counts;
            line($"| {row.Case.Name} | {row.Shape.Leaves} | {row.Shape.Records} | {row.Shape.HealthChecks} | {row.Shape.RecordLayers} | ",
                $"{row.Strategy} | {c.Total} | {c.Mutating} | {c.ChangeBatches} | {c.GetChangePolls} | {c.ChangesWaitedOn} | {c.Reads} | ",
                $"{c.Throttled} | {row.WallSeconds:F1} s |");
        }
        line($"");
        line($"<details><summary>Requests by operation</summary>");
        line($"");
        line($"| tree | strategy | operation | requests by operation |");
        line($"|---|---|---|---|");
        foreach (var row in results.Convergence)
            line($"| {row.Case.Name} | {row.Strategy} | {ConvergenceBenchmark.Label(row.Operation)} | {row.Counts.Describe()} |");
        line($"");
        line($"</details>");
        line($"");
        line($"mutating = change batches + CreateHealthCheck + ChangeTagsForResource (+ DeleteHealthCheck); INSYNC waits = changes that ",
            $"answered GetChange PENDING at least once (a client waited on them); reads = ListResourceRecordSets, ListHealthChecks, ",
            $"ListTagsForResources, GetHealthCheck; throttled requests are not in the counts.");
        line($"");
        line($"**Per-record baseline ÷ workflow** (and ÷ direct for wall time):");
        line($"");
        line($"| tree | requests | mutating | change batches | INSYNC waits | wall ÷ workflow | wall ÷ direct |");
        line($"|---|---:|---:|---:|---:|---:|---:|");
        foreach (var treeCase in settings.Cases)
        {
            if (results.Row(treeCase, Baseline, Operation.Apply) is not { } b
                || results.Row(treeCase, Workflow, Operation.Apply) is not { } w) continue;
            var d = results.Row(treeCase, Direct, Operation.Apply);
            line($"| {treeCase.Name} | {Ratio(b.Counts.Total, w.Counts.Total)} | {Ratio(b.Counts.Mutating, w.Counts.Mutating)} | ",
                $"{Ratio(b.Counts.ChangeBatches, w.Counts.ChangeBatches)} | {Ratio(b.Counts.ChangesWaitedOn, w.Counts.ChangesWaitedOn)} ",
                $"| {Ratio(b.WallSeconds, w.WallSeconds)} | {(d is null ? "" : Ratio(b.WallSeconds, d.WallSeconds))} |");
        }
        line($"");
        line($"![Apply wall time against tree size](apply-time.svg)");
        line($"");
        Updates(results, line);
        ConvergenceTargets(results, line);
    }

    private static void Updates(BenchResults results, LineWriter line)
    {
        var treeCase = results.ConvergenceSettings.UpdateCase;
        line($"### Re-applying the {treeCase.Name} tree");
        line($"");
        line($"**no-op**: the same spec again. **one-leaf**: one endpoint leaf's address changed. For the per-record baseline, a no-op ",
            $"is Terraform's refresh (one listing per record set, GetHealthCheck and ListTagsForResource per health check) and a ",
            $"one-leaf change is that refresh plus one change and its wait.");
        line($"");
        line($"| operation | strategy | requests | mutating | change batches | GetChange polls | INSYNC waits | reads | wall |");
        line($"|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in results.Convergence.Where(r => r.Case == treeCase && r.Operation != Operation.Apply))
        {
            var c = row.Counts;
            line($"| {ConvergenceBenchmark.Label(row.Operation)} | {row.Strategy} | {c.Total} | {c.Mutating} | {c.ChangeBatches} | ",
                $"{c.GetChangePolls} | {c.ChangesWaitedOn} | {c.Reads} | {row.WallSeconds:F1} s |");
        }
        line($"");
    }

    private static void ConvergenceTargets(BenchResults results, LineWriter line)
    {
        var applies = results.Convergence.Where(r => r.Strategy == Workflow && r.Operation == Operation.Apply).ToList();
        var update = results.ConvergenceSettings.UpdateCase;
        line($"**Targets (workflow):**");
        line($"");
        var exact =
            applies.All(r =>
            r.Counts.Mutating == 2 * r.Shape.HealthChecks + r.Counts.ChangeBatches && r.Counts.ChangeBatches == r.Shape.PlannedBatches);
        var split = applies.Where(r => r.Shape.PlannedBatches > r.Shape.RecordLayers).ToList();
        line($"- mutating requests = 2 per health check (create, tag) + the planned change batches, nothing else: {Met(exact)}. One ",
            $"batch per layer for {applies.Count - split.Count} of {applies.Count} ",
            $"trees{(split.Count == 0 ? "" : $" (the others: {string.Join(", ", split.Select(SplitText))}, ")}",
            $"{(split.Count == 0 ? "" : "split at Route 53's batch limits)")}.");
        line($"- one INSYNC wait per run: {Met(applies.All(r => r.Counts.ChangesWaitedOn == 1))} (waits per tree: ",
            $"{string.Join(", ", applies.Select(r => r.Counts.ChangesWaitedOn))}); GetChange polls per tree: ",
            $"{string.Join(", ", applies.Select(r => r.Counts.GetChangePolls))} — the newest change polled every second until INSYNC, ",
            $"then each older change once.");
        line($"- wall time: one propagation wait of {results.ConvergenceSettings.Pending.TotalSeconds:0.#} s per run, whatever the size; ",
            $"the rest is requests at 5 per second (for the largest tree, its {applies.LastOrDefault()?.Counts.HealthCheckWrites} health ",
            $"check requests alone take {applies.LastOrDefault()?.Counts.HealthCheckWrites / 5.0:F0} s) and the workflow's steps.");
        if (results.Row(update, Workflow, Operation.NoOp) is { } noOp)
        {
            var listings = noOp.Counts.Get("ListResourceRecordSets");
            line($"- no-op re-apply: {noOp.Counts.Mutating} mutating requests {Met(noOp.Counts.Mutating == 0)}; {noOp.Counts.Reads} ",
                $"reads: {listings} record listings for the tree's {noOp.Shape.Names} record names {Met(listings <= noOp.Shape.Names)}, ",
                $"{noOp.Counts.Get("ListHealthChecks")} health check pages (the account's checks, 100 per page), ",
                $"{noOp.Counts.Get("ListTagsForResources")} tag reads (10 checks each).");
        }
        if (results.Row(update, Workflow, Operation.OneLeaf) is { } oneLeaf)
            line($"- one-leaf change in the {update.Name} tree: {oneLeaf.Counts.ChangeBatches} change batch ",
                $"{Met(oneLeaf.Counts.ChangeBatches == 1)}, {oneLeaf.Counts.Mutating} mutating request(s), ",
                $"{oneLeaf.Counts.ChangesWaitedOn} wait, {oneLeaf.WallSeconds:F1} s.");
        line($"");
    }

    private static string SplitText(ConvergenceRow r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Case.Name} {r.Counts.ChangeBatches} batches for {r.Shape.RecordLayers} layers");

    private static void Scale(BenchResults results, LineWriter line)
    {
        line($"## Planner scale");
        line($"");
        line($"Generated trees (every routing policy, nested rules, endpoint and alias leaves, 70% of endpoints health-checked), ",
            $"validated without the 10,000-node limit. **validate+plan**: validate the spec, compile it, plan it against an empty zone. ",
            $"**diff 1%**: plan the compiled tree against a zone that already holds it with 1% of its records changed.");
        line($"");
        line($"BenchmarkDotNet, in-process toolchain, {(results.Smoke ? "dry job" : "3 warm-up and 9 measured iterations")}: wall-clock ",
            $"mean, so the machine's load is in it; allocations per operation.");
        line($"");
        line($"| case | leaves | mean | ± stddev | µs per leaf | allocated |");
        line($"|---|---:|---:|---:|---:|---:|");
        foreach (var row in results.PlannerScale)
            line($"| {row.Case} | {row.Leaves:N0} | {row.MeanMs:F2} ms | {row.StdDevMs:F2} ms | {row.MicrosecondsPerLeaf:F2} | ",
                $"{row.AllocatedBytes / 1048576.0:F1} MB |");
        line($"");
        line($"The same validate+plan timed with the thread's CPU clock by phase (after a warm-up that leaves every phase in its ",
            $"optimised code; each run from a collected heap, the sizes interleaved round by round; median of the runs; the ",
            $"background GC's threads are not in it); re-plan = plan against the applied zone, nothing to do. **N × 1,000**: the ",
            $"largest size's leaves in trees of 1,000, each validated, compiled and planned in turn and all kept, so the heap and ",
            $"the output are as big as the largest tree's while no tree is bigger than 1,000 leaves:");
        line($"");
        line($"| leaves | record sets | health checks | layers | batches | validate | compile | plan | total | ms per 1,000 leaves | ",
            $"plan µs per leaf | re-plan |");
        line($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results.PlannerCpu)
            line($"| {r.Label} | {r.Records:N0} | {r.HealthChecks:N0} | {r.Layers} | {r.Batches} | {r.ValidateMs:F2} ms | ",
                $"{r.CompileMs:F2} ms | {r.PlanMs:F2} ms | {r.Total:F2} ms | {r.MillisecondsPer1000Leaves:F2} | ",
                $"{r.PlanMicrosecondsPerLeaf:F2} | {r.ReplanMs:F2} ms |");
        line($"");
        var wall = results.PlannerScale.FirstOrDefault(r => r.Case == "validate+plan" && r.Leaves == 10_000);
        if (results.PlannerCpu.FirstOrDefault(r => r.Leaves == 10_000 && r.Trees == 1) is { } cpu)
            line($"- target 10,000 leaves under 100 ms: {cpu.Total:F1} ms of CPU ",
                $"{Met(cpu.Total < 100)}",
                $"{(wall is null ? "" : $"; {wall.MeanMs:F1} ms wall-clock under this run's load {Met(wall.MeanMs < 100)}")}.");
        Linearity(results.PlannerCpu, line);
        line($"");
    }

    /// <summary>
    /// Issue 21's target: µs per leaf at 1,000, 10,000 and 100,000 leaves within 1.2× of each other, for the whole of
    /// validate + compile + plan and for the plan alone; and the same leaves in trees of 1,000 beside the largest tree.
    /// </summary>
    private static void Linearity(IReadOnlyList<PlannerBenchmark.Result> results, LineWriter line)
    {
        var single = results.Where(r => r.Trees == 1 && r.Leaves >= 1_000).ToList();
        if (single.Count < 2) return;
        foreach (var (name, perLeaf) in new (string, Func<PlannerBenchmark.Result, double>)[]
                 { ("validate + compile + plan", r => r.MillisecondsPer1000Leaves), ("plan", r => r.PlanMicrosecondsPerLeaf) })
        {
            var spread = single.Max(perLeaf) / single.Min(perLeaf);
            line($"- linear growth, {name}: µs per leaf ",
                $"{string.Join(" / ", single.Select(r => string.Create(CultureInfo.InvariantCulture, $"{perLeaf(r):F2}")))} at ",
                $"{string.Join(" / ", single.Select(r => r.Label))} leaves, largest ÷ smallest {spread:F2} {Met(spread <= 1.2)} ",
                $"(met within 1.2×).");
        }
        var largest = single[^1];
        if (results.FirstOrDefault(r => r.Trees > 1) is { } batch && single.FirstOrDefault(r => r.Leaves == 1_000) is { } small)
            line($"- the same {batch.Leaves:N0} leaves as {batch.Label}: {batch.MillisecondsPer1000Leaves:F2} µs per leaf ",
                $"({batch.PlanMicrosecondsPerLeaf:F2} to plan), against {small.MillisecondsPer1000Leaves:F2} ",
                $"({small.PlanMicrosecondsPerLeaf:F2}) for one tree of 1,000 and {largest.MillisecondsPer1000Leaves:F2} ",
                $"({largest.PlanMicrosecondsPerLeaf:F2}) for one of {largest.Leaves:N0}: ",
                $"{HeapOrTree(small.MillisecondsPer1000Leaves, batch.MillisecondsPer1000Leaves, largest.MillisecondsPer1000Leaves)}.");
    }

    /// <summary>Which the growth per leaf follows: the heap (trees of 1,000 pay it too) or the tree's size.</summary>
    private static string HeapOrTree(double small, double batch, double largest)
    {
        if (largest <= small * 1.2) return "no growth to explain";
        var share = (batch - small) / (largest - small);
        return string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(share, 0, 9.99):P0} of the growth from 1,000 to ") +
            (share >= 0.8 ? "the largest tree comes with the heap's size (trees of 1,000 pay it too), not with the tree's"
                : "the largest tree is paid by trees of 1,000 too; the rest grows with the tree's size");
    }

    private static void DriftCycle(BenchResults results, LineWriter line)
    {
        line($"## Drift check: one cycle");
        line($"");
        line($"Generated trees of 8 leaves applied to one hosted zone, health checks only where Route 53 requires one (non-alias ",
            $"failover primaries). The cycle runs as the deployment runs it: the trees grouped into one drift message per zone (at ",
            $"most {DriftScheduler.MaxTreesPerMessage:N0} trees a message), each message checked by the worker's own code ",
            $"(`ZoneDriftCheck`: versions from the progress table, the zone and the account's health checks read once, detect per ",
            $"tree, store each report). The zone is clean: every report came back empty. Route 53 requests counted by the realism ",
            $"layer; the cycle ran without the rate limit, so the wall time is this machine's (moto behind the edge). **Before** is ",
            $"the per-tree design measured on main before this change (one message and one zone stretch per tree, every tree listing ",
            $"every check 100 a page: {PerTreeBefore.Requests:N0} requests for {PerTreeBefore.Trees:N0} trees, ",
            $"{PerTreeBefore.Records:N0} record sets, {PerTreeBefore.HealthChecks} checks, {PerTreeBefore.WallSeconds:F0} s); at other ",
            $"sizes it is that design's request model, trees × (1 + check pages of 100) + {PerTreeBefore.TagRequestsPerTree:F3} tag ",
            $"requests a tree.");
        line($"");
        line($"| trees | record sets | health checks | messages | before: requests | before at 5/s | GetHostedZone | ",
            $"ListResourceRecordSets | ListHealthChecks | ListTagsForResources | per zone: requests | model | per tree | wall (no rate ",
            $"limit) | at 5 requests/s |");
        line($"|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var d in results.DriftCycles)
        {
            var c = d.Counts;
            var before = d.Trees == PerTreeBefore.Trees && d.HealthChecks == PerTreeBefore.HealthChecks
                ? PerTreeBefore.Requests
                : DriftCycleResult.PerTreeModelRequests(d.Trees, d.HealthChecks);
            var beforeLabel = d.Trees == PerTreeBefore.Trees && d.HealthChecks == PerTreeBefore.HealthChecks ? "measured" : "model";
            line($"| {d.Trees:N0} | {d.Records:N0} | {d.HealthChecks:N0} | {d.Messages} | {before:N0} ({beforeLabel}) | ",
                $"≥ {before / 5.0 / 60:F0} min | {c.Get("GetHostedZone"):N0} | {c.Get("ListResourceRecordSets"):N0} | ",
                $"{c.Get("ListHealthChecks"):N0} | {c.Get("ListTagsForResources"):N0} | **{c.Total:N0}** | ",
                $"{DriftCycleResult.ModelRequests(d.Trees, d.Records, d.HealthChecks):N0} | {c.Total / (double)d.Trees:F2} | ",
                $"{d.WallSeconds:F0} s | ≥ {d.SecondsAtRouteRate:F0} s |");
        }
        foreach (var extra in results.DriftCycleModels)
            line($"| {extra.Trees:N0} | {extra.Records:N0} | {extra.HealthChecks:N0} | {extra.Messages} | ",
                $"{DriftCycleResult.PerTreeModelRequests(extra.Trees, extra.HealthChecks):N0} (model) | ",
                $"≥ {DriftCycleResult.PerTreeModelRequests(extra.Trees, extra.HealthChecks) / 5.0 / 60:F0} min | – | – | – | – | ",
                $"{DriftCycleResult.ModelRequests(extra.Trees, extra.Records, extra.HealthChecks):N0} (model, not run) | ",
                $"{DriftCycleResult.ModelRequests(extra.Trees, extra.Records, extra.HealthChecks):N0} | – | – | ",
                $"≥ {DriftCycleResult.ModelRequests(extra.Trees, extra.Records, extra.HealthChecks) / 5.0:F0} s |");
        line($"");
        line($"- model: the scheduler cuts a zone's trees into messages in the order Route 53 lists their names, and each message ",
            $"reads its run of names in passes (pages of 300), so between them the messages read the zone's pages once, plus one ",
            $"page a message; each message lists the account's checks (pages of 1,000, ListHealthChecks `MaxItems`); every ",
            $"check's tags once, ten a request. Requests grow with the zone's size and the checks, not with the number of trees.");
        if (results.DriftCycles.FirstOrDefault() is { } first)
            line($"- with {first.HealthChecksAtDefaultShare:N0} checks (the same {first.Trees:N0} trees with 70% of endpoints ",
                $"health-checked): per tree {DriftCycleResult.PerTreeModelRequests(first.Trees, first.HealthChecksAtDefaultShare):N0} ",
                $"requests a cycle, per zone ",
                $"{DriftCycleResult.ModelRequests(first.Trees, first.Records, first.HealthChecksAtDefaultShare):N0} ",
                $"(model).");
        line($"");
    }

    private static void ApplyRate(BenchResults results, StringBuilder md, LineWriter line)
    {
        if (results.ApplyRate.Count == 0) return;
        line($"## Applying at the account's rate");
        line($"");
        line($"`apply-rate --reapply`: generated trees applied through the workflow on a fresh local stack per row, the realism layer ",
            $"answering `Throttling` above the account's rate (burst 50) and changes PENDING ",
            $"{results.ConvergenceSettings.Pending.TotalSeconds:0.#} s; the service's Route 53 client starts at 5/s and adapts. ",
            $"**floor** = requests ÷ the account's rate + one propagation, the least any client could take. Then the same spec ",
            $"is applied again, unchanged, through the workflow and through the direct path (`failover apply --direct`), and the ",
            $"realism layer counts what each sent.");
        line($"");
        // The rows' tables as the apply-rate command prints them (a blank line between the two).
        md.Append(ApplyRateBenchmark.Markdown(results.ApplyRate));
        line($"");
        var noOps = results.ApplyRate.SelectMany(r => r.NoOps).ToList();
        if (noOps.Count > 0)
            line($"- target, no writes on a no-op: {noOps.Sum(n => n.Counts.Mutating)} mutating requests over {noOps.Count} ",
                $"re-applies on both paths {Met(noOps.All(n => n.Counts.Mutating == 0))}.");
        foreach (var size in results.ApplyRate.GroupBy(r => r.Leaves))
        {
            var ratios = size.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.OverFloor:F2} at {r.AccountRate:0.#}/s"));
            line($"- {size.Key:N0} leaves: apply ÷ floor {string.Join(", ", ratios)}.");
        }
        line($"");
    }

    private static void ColdStart(BenchResults results, LineWriter line)
    {
        line($"## Cold start");
        line($"");
        var runs = results.ColdStart.FirstOrDefault()?.StartMs.Count ?? 0;
        line($"`scripts/measure-bootstrap.py`: process start → first `GET /runtime/invocation/next` on a fake Runtime API on loopback, ",
            $"then one Echo invocation's round trip; peak RSS from `/usr/bin/time`. {runs} runs per build, alternating. **Native AOT**: ",
            $"the `bootstrap` that is deployed (`scripts/publish-bootstrap.sh`). **JIT**: the same project built framework-dependent ",
            $"(`dotnet build -c {BuildConfiguration.Name}`, no ReadyToRun), started through its apphost.");
        line($"");
        line($"| build | size | start → first next (median) | min – max | first invocation round trip | peak RSS |");
        line($"|---|---:|---:|---:|---:|---:|");
        foreach (var row in results.ColdStart)
            line($"| {row.Build} | {row.SizeBytes / 1048576.0:F1} MB | {row.MedianStartMs:F1} ms | {row.StartMs.Min():F0} – ",
                $"{row.StartMs.Max():F0} ms | {row.MedianRoundTripMs:F1} ms | {row.MedianPeakRssMiB:F1} MB |");
        line($"");
        if (results.ColdStart.FirstOrDefault(r => r.Build == "Native AOT") is { } aot)
        {
            line($"- targets: AOT under 100 ms to first response {Met(aot.MedianStartMs < 100)}, under 40 MB peak ",
                $"{Met(aot.MedianPeakRssMiB < 40)}.");
            if (results.ColdStart.FirstOrDefault(r => r.Build == "JIT") is { } jit)
                line($"- JIT ÷ AOT: start {jit.MedianStartMs / aot.MedianStartMs:F1}×, first round trip ",
                    $"{jit.MedianRoundTripMs / aot.MedianRoundTripMs:F1}×, peak RSS {jit.MedianPeakRssMiB / aot.MedianPeakRssMiB:F1}×.");
        }
        line($"");
    }

    /// <summary>Apply wall time against tree size per strategy: the generated trees (all trees when there are none).</summary>
    public static string Plot(BenchResults results)
    {
        var applies = results.Convergence.Where(r => r.Operation == Operation.Apply).ToList();
        if (applies.Any(r => r.Case.Generated)) applies = applies.Where(r => r.Case.Generated).ToList();
        var colors = new Dictionary<string, string> { [Baseline] = "#c0392b", [Workflow] = "#1f6fb2", [Direct] = "#27ae60" };
        var names = new Dictionary<string, string>
        {
            [Baseline] = "per record (Terraform-like)", [Workflow] = "workflow (ours)", [Direct] = "direct (ours, in-process)",
        };
        var series = applies.GroupBy(r => r.Strategy)
            .Select(g => new PlotSeries(names.GetValueOrDefault(g.Key, g.Key), colors.GetValueOrDefault(g.Key, "#555"),
                g.Select(r => (r.Shape.Leaves, r.WallSeconds)).ToList()))
            .ToList();
        var pending = results.ConvergenceSettings.Pending.TotalSeconds;
        return ApplyTimePlot.Render(string.Create(CultureInfo.InvariantCulture,
            $"Apply wall time, changes PENDING {pending:0.#} s, 5 requests/s"), series);
    }

    public static string Ratio(double over, double under) =>
        under <= 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{over / under:0.#}×");

    private static string Met(bool met) => met ? "✅ met" : "❌ not met";
}
