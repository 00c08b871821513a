using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Planning;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Testing;

namespace Failover.Bench.Convergence;

/// <summary>A tree to converge: an example from examples/ or a generated tree, placed in the stack's zone.</summary>
internal sealed record TreeCase(string Name, bool Generated, Func<string, TreeSpec> InZone)
{
    public const int Seed = 20_260_101;

    public static TreeCase Example(string file) => new(file, false, zoneId =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", file);
        var loaded = SpecLoader.Load(File.ReadAllText(path));
        var spec = loaded.Spec ?? throw new InvalidOperationException($"{path}: " + string.Join("; ", loaded.Diagnostics));
        return spec with { HostedZoneId = zoneId };
    });

    public static TreeCase OfLeaves(int leaves) => new($"generated, {leaves:N0} leaves", true, zoneId =>
        Valid(new TreeGenerator(Seed).Generate(leaves, new TreeGeneratorOptions { Name = $"gen{leaves}", HostedZoneId = zoneId })));

    /// <summary>The spec, after checking the validator has nothing against it (a measurement of a refused run is void).</summary>
    public static TreeSpec Valid(TreeSpec spec)
    {
        var errors = TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error).ToList();
        return errors.Count == 0 ? spec
            : throw new InvalidOperationException($"tree '{spec.Name}' is invalid: {string.Join("; ", errors)}");
    }
}

/// <summary>The size of a tree in Route 53 terms.</summary>
internal sealed record TreeShape(int Leaves, int Records, int Names, int HealthChecks, int RecordLayers, int PlannedBatches)
{
    public static TreeShape Of(TreeSpec spec)
    {
        var compiled = TreeCompiler.Compile(spec);
        var plan = Planner.Plan(compiled, ActualState.Empty);
        var records = plan.Layers.Where(l => l.Kind == PlanLayerKind.Records).ToList();
        return new TreeShape(
            spec.Root.DescendantsAndSelf().Count(n => n.Kind != NodeKind.Rule), compiled.Records.Count,
            compiled.Records.Select(r => r.RecordSet.Name).Distinct(StringComparer.Ordinal).Count(), compiled.HealthChecks.Count,
            records.Count, records.Sum(l => l.ChangeBatches.Count));
    }
}

/// <summary>
/// The smallest real edit of one leaf: an endpoint without a health check answers with another address; failing that,
/// a weighted leaf gets another weight; failing that, a health-checked endpoint moves (its check is replaced too).
/// </summary>
internal static class OneLeafChange
{
    public static (TreeSpec Spec, string NodeId) Apply(TreeSpec spec)
    {
        var leaves = spec.Root.DescendantsAndSelf().Where(n => n.Kind != NodeKind.Rule).ToList();
        var (leaf, changed) =
            leaves.FirstOrDefault(n => n is { Kind: NodeKind.Endpoint, Endpoint: { HealthCheck: null, HealthCheckId: null } }) is { } plain
                ? (plain, plain with { Endpoint = plain.Endpoint! with { Values = NewAddress(plain.Endpoint.Values) } })
            : leaves.FirstOrDefault(n => n.Weight is not null) is { } weighted
                ? (weighted, weighted with { Weight = weighted.Weight % 100 + 1 })
            : leaves.First(n => n.Kind == NodeKind.Endpoint) is var moved
                ? (moved, moved with { Endpoint = moved.Endpoint! with { Values = NewAddress(moved.Endpoint.Values) } })
                : default;
        return (spec with { Root = Replace(spec.Root, leaf, changed) }, leaf.Id);
    }

    private static List<string> NewAddress(IReadOnlyList<string> values) =>
        [values[0] == "192.0.2.254" ? "192.0.2.253" : "192.0.2.254", .. values.Skip(1)];

    private static TreeNode Replace(TreeNode node, TreeNode target, TreeNode replacement) =>
        ReferenceEquals(node, target) ? replacement : node with
        {
            Primary = node.Primary is null ? null : Replace(node.Primary, target, replacement),
            Secondary = node.Secondary is null ? null : Replace(node.Secondary, target, replacement),
            Children = node.Children.Select(c => Replace(c, target, replacement)).ToList(),
        };
}
