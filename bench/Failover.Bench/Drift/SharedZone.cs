using Failover.Service.Apply;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Core.Compilation;
using Failover.Core.Planning;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Bench.Convergence;
using Failover.Local.Aws;
using Failover.Testing;

namespace Failover.Bench.Drift;

/// <summary>
/// Many generated trees applied to one hosted zone, as the workflow would leave them — records, tagged health checks,
/// and in the progress table a stored version, a SUCCEEDED run and the owned records of each — written straight to
/// moto (not through the realism layer, so setting up does not count as the cycle's reads and is not rate-limited).
/// </summary>
internal static class SharedZone
{
    private const int SetupParallelism = 4;
    // Route 53 (and moto) take at most 1,000 values per batch; endpoints here have one or two.
    private const int ChangesPerBatch = 400;

    public sealed record Tree(TreeSpec Spec, CompiledTree Compiled);

    /// <summary>The trees the cycle checks: generated from consecutive seeds, named t0000, t0001, …</summary>
    public static IReadOnlyList<Tree> Generate(string zoneId, string zoneName, int trees, int leavesPerTree, double healthCheckedShare) =>
        Enumerable.Range(0, trees).Select(i => new TreeGenerator(TreeCase.Seed + i).Generate(leavesPerTree, new TreeGeneratorOptions
        {
            Name = $"t{i:D4}", HostedZoneId = zoneId, ZoneName = zoneName, HealthCheckedShare = healthCheckedShare,
        })).Select(spec => new Tree(TreeCase.Valid(spec), TreeCompiler.Compile(spec))).ToList();

    public static async Task PopulateAsync(BenchStack stack, IReadOnlyList<Tree> specs, CancellationToken cancellationToken)
    {

        var moto = new Route53Client(new Route53ClientOptions { Endpoint = stack.MotoUrl, RequestsPerSecond = 100_000, Burst = 100_000,
            OperationLimits = Route53OperationLimits.None },
            credentials: LocalAccount.Credentials);
        var healthCheckIds = new System.Collections.Concurrent.ConcurrentDictionary<(string Tree, string Node), string>();
        await Parallel.ForEachAsync(specs,
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellationToken },
            async (tree, token) =>
            {
                foreach (var check in tree.Compiled.HealthChecks)
                {
                    var created = await moto.CreateHealthCheckAsync(check.CallerReference, check.Config, token);
                    await moto.ChangeTagsForResourceAsync(created.Id, HealthCheckTags.For(tree.Spec.Name, check.NodeId),
                        cancellationToken: token);
                    healthCheckIds[(tree.Spec.Name, check.NodeId)] = created.Id;
                }
            });

        // Every tree's leaf records first, then every tree's first alias level, and so on: targets exist before aliases.
        var changes = specs
            .SelectMany(tree => Planner.Plan(tree.Compiled, ActualState.Empty).Layers.Where(l => l.Kind == PlanLayerKind.Records)
                .SelectMany((layer, level) =>
                    layer.ChangeBatches.SelectMany(b => b.Changes)
                    .Select(change => (Level: level, Change: Resolve(tree, change, healthCheckIds)))))
            .OrderBy(c => c.Level).Select(c => c.Change).ToList();
        foreach (var batch in changes.Chunk(ChangesPerBatch))
            await moto.ChangeResourceRecordSetsAsync(stack.ZoneId, new ChangeBatch(batch), cancellationToken: cancellationToken);

        await Parallel.ForEachAsync(specs,
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = cancellationToken },
            async (tree, token) => await MarkAppliedAsync(stack.Store, tree, token));
    }

    private static RecordChange Resolve(Tree tree, RecordChange change,
        System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> ids) =>
        PlanApplier.ResolvePlaceholders(new ChangeBatch([change]),
            tree.Compiled.HealthChecks.ToDictionary(h => h.NodeId, h => ids[(tree.Spec.Name, h.NodeId)],
                StringComparer.Ordinal)).Changes[0];

    /// <summary>What a successful apply run leaves in the progress table: the version current, the records owned.</summary>
    private static async Task MarkAppliedAsync(ProgressStore store, Tree tree, CancellationToken cancellationToken)
    {
        var version = await store.PutVersionAsync(TreeDescriptor.From(tree.Spec), SpecJsonWriter.Write(tree.Spec), cancellationToken);
        var runId = RunIds.New(TimeProvider.System);
        await store.CreateRunAsync(new NewRun(runId, tree.Spec.Name, version, RunKind.Apply), cancellationToken);
        await store.SetOwnedRecordsAsync(tree.Spec.Name, tree.Compiled.Records.Select(r => r.RecordSet.Key), cancellationToken);
        await store.SetRunStatusAsync(runId, RunStatus.Succeeded, cancellationToken: cancellationToken);
    }
}
