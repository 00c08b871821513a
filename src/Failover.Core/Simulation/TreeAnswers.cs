using Failover.Core.Diagram;
using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>The leaves that answer for clients at <see cref="Location"/>, and what they answer.</summary>
public sealed record LocationAnswerSet(string Location, IReadOnlyList<string> Nodes, IReadOnlyList<string> Values)
{
    public bool SameNodes(LocationAnswerSet other) => Nodes.SequenceEqual(other.Nodes, StringComparer.Ordinal);
}

/// <summary>
/// How the tree's answer moved when the health of its endpoints changed; <see cref="TreeAnswers.Compare"/> answers null when
/// it did not.
/// </summary>
public sealed record AnswerChange(
    IReadOnlyList<LocationAnswerSet> Before, IReadOnlyList<LocationAnswerSet> After, IReadOnlyList<string> Unhealthy, string Summary);

/// <summary>
/// Who answers the tree's name, per client location where the tree's rules tell clients apart, computed with the
/// <see cref="Simulator"/> from the set of unhealthy leaves. A tree without latency or geolocation rules answers every
/// client alike; with them, each region the latency rules name and each location the geolocation rules name is asked
/// (capped at <see cref="MaxLocations"/>), and locations that answer alike collapse into "every client".
/// </summary>
public static class TreeAnswers
{
    public const string EveryClient = "every client";
    public const int MaxLocations = 64;

    public static IReadOnlyList<LocationAnswerSet> Of(TreeSpec spec, IReadOnlySet<string> unhealthy)
    {
        var answers = Queries(spec).Select(q => Answer(spec, unhealthy, q)).ToList();
        return answers.Count > 1 && answers.All(a => a.SameNodes(answers[0]))
            ? [answers[0] with { Location = EveryClient }]
            : answers;
    }

    /// <summary>
    /// The change from <paramref name="before"/> to <paramref name="after"/> (unhealthy leaves), or null when no client's
    /// answer moved.
    /// </summary>
    public static AnswerChange? Compare(TreeSpec spec, IReadOnlySet<string> before, IReadOnlySet<string> after)
    {
        var queries = Queries(spec);
        var was = queries.Select(q => Answer(spec, before, q)).ToList();
        var now = queries.Select(q => Answer(spec, after, q)).ToList();
        var moved = Enumerable.Range(0, now.Count).Where(i => !now[i].SameNodes(was[i])).ToList();
        if (moved.Count == 0) return null;
        var unhealthy = after.Order(StringComparer.Ordinal).ToList();
        return new AnswerChange(Collapse(was, moved.Count == now.Count), Collapse(now, moved.Count == now.Count), unhealthy,
            Sentence(spec, moved.Select(i => now[i]).ToList(), moved.Count == now.Count, unhealthy));

        static IReadOnlyList<LocationAnswerSet> Collapse(List<LocationAnswerSet> answers, bool everyone) =>
            answers.Count > 1 && answers.All(a => a.SameNodes(answers[0])) ? [answers[0] with { Location = EveryClient }]
            : everyone && answers.Count == 1 ? [answers[0] with { Location = EveryClient }] : answers;
    }

    /// <summary>"www.example.com now answers from `sorry` (secondary, S3 website) for every client; unhealthy: use1-a, use1-b".</summary>
    private static string Sentence(TreeSpec spec, IReadOnlyList<LocationAnswerSet> moved, bool everyone, IReadOnlyList<string> unhealthy)
    {
        var nodes = spec.Root.DescendantsAndSelf().ToDictionary(n => n.Id, StringComparer.Ordinal);
        var parents = spec.Root.DescendantsAndSelf().SelectMany(p => p.ChildNodes().Select(c => (c.Id, Parent: p)))
            .GroupBy(x => x.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Parent, StringComparer.Ordinal);
        var groups = moved.GroupBy(a => string.Join(",", a.Nodes), StringComparer.Ordinal).Select(g =>
        {
            var first = g.First();
            var who = first.Nodes.Count == 0 ? "no record (NXDOMAIN/NODATA)"
                : "from " + string.Join(" and ", first.Nodes.Select(id => Describe(nodes[id], parents.GetValueOrDefault(id), spec)));
            var whom = everyone && moved.Count == 1 || (everyone && g.Count() == moved.Count) ? EveryClient
                : "clients " + string.Join(", ", g.Select(a => a.Location));
            return $"{who} for {whom}";
        });
        var reason = unhealthy.Count == 0 ? "every health-checked endpoint is healthy again" : "unhealthy: " + string.Join(", ", unhealthy);
        return $"{spec.RecordName} now answers {string.Join(", and ", groups)}; {reason}";
    }

    private static string Describe(TreeNode leaf, TreeNode? parent, TreeSpec spec)
    {
        var parts = new List<string>();
        if (parent?.Routing is not null) parts.Add(NodeDescription.EdgeLabel(leaf, parent).ToLowerInvariant());
        parts.Add(leaf.Alias is { } alias
            ? AliasTargets.Describe(AliasTargets.Classify(alias, spec.HostedZoneId))
            : string.Join(" ", leaf.Endpoint?.Values ?? []));
        return $"`{leaf.Id}` ({string.Join(", ", parts.Where(p => p.Length > 0))})";
    }

    private static LocationAnswerSet Answer(TreeSpec spec, IReadOnlySet<string> unhealthy, Query query)
    {
        // Only leaves that can fail are passed: the simulator warns about the rest, and they answer whatever their health.
        var canFail = spec.Root.DescendantsAndSelf().Where(RecordHealth.CanFail).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var result = Simulator.Simulate(spec, new SimulationQuery(unhealthy.Where(canFail.Contains).ToHashSet(StringComparer.Ordinal),
            query.Region, query.Location));
        var answering = result.Answers.Where(a => a.Probability > 0).ToList();
        return new LocationAnswerSet(query.Label,
            answering.Select(a => a.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            answering.SelectMany(a => a.Values).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    private sealed record Query(string Label, string? Region, string? Location);

    private static IReadOnlyList<Query> Queries(TreeSpec spec)
    {
        var all = spec.Root.DescendantsAndSelf().ToList();
        var regions = all.Where(n => n.Routing == RoutingPolicy.Latency).SelectMany(n => n.Children)
            .Select(c => c.Region).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var locations = all.Where(n => n.Routing == RoutingPolicy.Geolocation).SelectMany(n => n.Children)
            .Select(c => LocationCode(c.Location)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (regions.Count == 0 && locations.Count == 0) return [new Query(EveryClient, null, null)];
        var queries = new List<Query>();
        foreach (var region in regions.DefaultIfEmpty(null))
            foreach (var location in locations.DefaultIfEmpty(null))
            {
                var parts = new[] { region is null ? null : $"nearest {region}", location is null ? null : $"in {location}" };
                var label = string.Join(" ", parts.OfType<string>());
                queries.Add(new Query(label, region, location));
            }
        return queries.Take(MaxLocations).ToList();
    }

    /// <summary>A geolocation as <see cref="SimulationQuery.Location"/> reads it: DE, US-CA, continent:EU, * for the default.</summary>
    private static string? LocationCode(GeoLocationSpec? location) => location switch
    {
        null => null,
        { IsDefault: true } or { Country: "*" } => "*",
        { Continent: { } continent } => $"continent:{continent}",
        { Subdivision: { } subdivision } => $"{location.Country}-{subdivision}",
        _ => location.Country,
    };
}
