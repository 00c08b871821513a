using Failover.Core.Geography;
using Failover.Core.Spec;

namespace Failover.Core.Simulation;

/// <summary>A record of a group that Route 53 answers with, and the share of queries it gets.</summary>
internal readonly record struct Choice(TreeNode Node, double Probability, Decision Rule);

/// <summary>
/// How Route 53 picks records within one group (the records of one name and type, one routing policy), following
/// "How Amazon Route 53 chooses records when health checking is configured" in the Route 53 Developer Guide.
/// </summary>
internal sealed class GroupAnswering(RecordHealth health, string? region, ClientLocation? location, List<string> notes,
    GeoPoint? point = null, System.Net.IPAddress? clientIp = null, AzClient? az = null)
{
    /// <summary>Route 53 returns at most eight records for one multivalue answer query.</summary>
    public const int MultivalueLimit = 8;

    public IReadOnlyList<Choice> Choose(TreeNode rule) => rule.Routing switch
    {
        RoutingPolicy.Failover => Failover(rule),
        RoutingPolicy.Weighted => Weighted(rule),
        RoutingPolicy.Latency => Latency(rule),
        RoutingPolicy.Geolocation => Geolocation(rule),
        RoutingPolicy.Multivalue => Multivalue(rule),
        RoutingPolicy.Geoproximity => Geoproximity(rule),
        RoutingPolicy.IpBased => IpBased(rule),
        RoutingPolicy.AzAffinity => AzAffinity(rule),
        _ => [],
    };

    /// <summary>The healthy records of a group, or all of them when none is: Route 53 then has no basis to choose and fails open.</summary>
    private List<TreeNode> Eligible(TreeNode rule, IReadOnlyList<TreeNode> records, out bool failedOpen)
    {
        var healthy = records.Where(health.IsHealthy).ToList();
        failedOpen = healthy.Count == 0 && records.Count > 0;
        if (!failedOpen) return healthy;
        notes.Add($"{rule.Id}: no record of this {Describe(rule.Routing)} group is healthy, so Route 53 treats all {records.Count} as " +
            $"healthy (fails open)");
        return records.ToList();
    }

    private List<Choice> Failover(TreeNode rule)
    {
        if (rule.Primary is null || rule.Secondary is null) return [];
        if (health.IsHealthy(rule.Primary)) return [new(rule.Primary, 1, Decision.FailoverPrimary)];
        if (health.IsHealthy(rule.Secondary)) return [new(rule.Secondary, 1, Decision.FailoverSecondary)];
        notes.Add($"{rule.Id}: primary {rule.Primary.Id} and secondary {rule.Secondary.Id} are both unhealthy, so Route 53 answers with " +
            $"the primary");
        return [new(rule.Primary, 1, Decision.FailoverBothUnhealthy)];
    }

    private List<Choice> Weighted(TreeNode rule)
    {
        var eligible = Eligible(rule, rule.Children, out var failedOpen);
        var nonZero = eligible.Where(c => (c.Weight ?? 0) > 0).ToList();
        if (nonZero.Count > 0)
        {
            double total = nonZero.Sum(c => c.Weight!.Value);
            var decision = failedOpen ? Decision.FailOpen : Decision.Weighted;
            return nonZero.Select(c => new Choice(c, c.Weight!.Value / total, decision)).ToList();
        }
        var zero = failedOpen ? Decision.FailOpen : rule.Children.Any(c => (c.Weight ?? 0) > 0) ? Decision.WeightedZero : Decision.Weighted;
        // Weight-0 records are considered only once every non-zero one is unhealthy; among themselves they share equally,
        // just as a group whose weights are all 0.
        if (rule.Children.Any(c => (c.Weight ?? 0) > 0))
        {
            notes.Add(
                $"{rule.Id}: every record with a non-zero weight is unhealthy, so Route 53 answers with the weight-0 records, equally");
        }
        return eligible.Select(c => new Choice(c, 1.0 / eligible.Count, zero)).ToList();
    }

    private List<Choice> Latency(TreeNode rule)
    {
        var children = rule.Children;
        if (children.Count == 0) return [];
        var start = region is null ? -1 : IndexOf(children, c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase));
        if (start < 0)
        {
            if (region is not null)
            {
                notes.Add($"{rule.Id}: no latency record for region {region}; Route 53 would answer from the region with the lowest " +
                    $"latency, assumed to be the first, {children[0].Region} ({children[0].Id})");
            }
            start = 0;
        }
        var best = children[start];
        for (var step = 0; step < children.Count; step++)
        {
            var candidate = children[(start + step) % children.Count];
            if (!health.IsHealthy(candidate)) continue;
            if (step > 0)
            {
                notes.Add($"{rule.Id}: the record for {best.Region} ({best.Id}) is unhealthy; Route 53 answers from the next-best " +
                    $"region, assumed to be the next in order: {candidate.Region} ({candidate.Id})");
            }
            return [new(candidate, 1, step == 0 && region is not null && IsRegion(candidate)
                ? Decision.LatencyRegion : Decision.LatencyAssumed)];
        }
        notes.Add($"{rule.Id}: no latency record is healthy, so Route 53 treats all as healthy (fails open) and answers from " +
            $"{best.Region} ({best.Id})");
        return [new(best, 1, Decision.FailOpen)];
    }

    private List<Choice> Geolocation(TreeNode rule)
    {
        var place = location ?? ClientLocation.Unknown;
        var matches = GeolocationMatch.MostSpecificFirst(rule.Children, place);
        if (matches.Count == 0)
        {
            notes.Add($"{rule.Id}: no geolocation record matches {place} and there is no default location, so Route 53 returns no answer");
            return [];
        }
        // An unhealthy location falls back to the larger region that contains it: subdivision, country, continent, default.
        foreach (var match in matches)
        {
            if (!health.IsHealthy(match)) continue;
            if (!ReferenceEquals(match, matches[0]))
            {
                notes.Add($"{rule.Id}: the record for {Describe(matches[0].Location)} ({matches[0].Id}) is unhealthy; Route 53 falls " +
                    $"back to {Describe(match.Location)} ({match.Id})");
            }
            return [new(match, 1, ReferenceEquals(match, matches[0]) ? Decision.GeolocationMatch : Decision.GeolocationLarger)];
        }
        notes.Add($"{rule.Id}: every record matching {place} is unhealthy, so Route 53 answers with the most specific, " +
            $"{Describe(matches[0].Location)} ({matches[0].Id})");
        return [new(matches[0], 1, Decision.GeolocationAllUnhealthy)];
    }

    private List<Choice> Geoproximity(TreeNode rule)
    {
        if (rule.Children.Count == 0) return [];
        if (point is not { } client)
        {
            notes.Add($"{rule.Id}: no client position (--coordinates or --location), so the first child, {rule.Children[0].Id}, is " +
                "assumed nearest");
            var first = rule.Children.FirstOrDefault(health.IsHealthy) ?? rule.Children[0];
            return [new(first, 1, Decision.GeoproximityAssumed)];
        }
        var ranked = GeoproximityMatch.Nearest(rule.Children, client);
        foreach (var unplaced in ranked.Where(r => r.BiasedKm is null))
            notes.Add($"{rule.Id}: the simulator has no position for {unplaced.Node.Geoproximity} ({unplaced.Node.Id}); ranked last");
        var nearest = ranked[0];
        // Route 53 routes to "the closest resource that is available": an unhealthy one gives way to the next by biased distance.
        foreach (var candidate in ranked)
        {
            if (!health.IsHealthy(candidate.Node)) continue;
            var km = candidate.BiasedKm is { } d ? $"{d:0} km biased" : "no position";
            if (!ReferenceEquals(candidate.Node, nearest.Node))
                notes.Add($"{rule.Id}: {nearest.Node.Id} is nearest but unhealthy; Route 53 answers from the next nearest, " +
                    $"{candidate.Node.Id} ({km})");
            else notes.Add($"{rule.Id}: nearest to {client} by biased distance is {candidate.Node.Id} ({km})");
            return [new(candidate.Node, 1, ReferenceEquals(candidate.Node, nearest.Node)
                ? Decision.GeoproximityNearest : Decision.GeoproximityNextNearest)];
        }
        notes.Add($"{rule.Id}: no geoproximity record is healthy, so Route 53 treats all as healthy (fails open) and answers from " +
            $"the nearest, {nearest.Node.Id}");
        return [new(nearest.Node, 1, Decision.FailOpen)];
    }

    private List<Choice> IpBased(TreeNode rule)
    {
        var match = clientIp is null ? null : IpBasedMatch.Longest(rule.Children, clientIp);
        var fallback = IpBasedMatch.Default(rule.Children);
        if (match is null)
        {
            if (fallback is null)
            {
                notes.Add($"{rule.Id}: no location holds {clientIp?.ToString() ?? "the client (no --client-ip)"} and there is no " +
                    "default location, so Route 53 has no record to answer with");
                return [];
            }
            notes.Add($"{rule.Id}: no location holds {clientIp?.ToString() ?? "the client (no --client-ip)"}; the default (*) answers");
            return [new(fallback, 1, Decision.IpBasedDefault)];
        }
        notes.Add($"{rule.Id}: {clientIp} is in {match.Cidr} ({match.Id}) by the longest prefix");
        if (health.IsHealthy(match)) return [new(match, 1, Decision.IpBasedMatch)];
        if (fallback is not null && health.IsHealthy(fallback))
        {
            notes.Add($"{rule.Id}: {match.Id} is unhealthy; the default (*) location's record, {fallback.Id}, is assumed to answer");
            return [new(fallback, 1, Decision.IpBasedUnhealthyToDefault)];
        }
        notes.Add($"{rule.Id}: {match.Id} is unhealthy and no healthy default exists; Route 53 is assumed to answer with it anyway");
        return [new(match, 1, Decision.IpBasedUnhealthyAnyway)];
    }

    private List<Choice> AzAffinity(TreeNode rule)
    {
        var client = az ?? AzClient.Unknown;
        if (az is null)
            notes.Add($"{rule.Id}: no --az, so Route 53 does not know the query's Availability Zone and only the global location matches");
        var matches = AzAffinityMatch.MostSpecificFirst(rule.Children, client, out var assumedGroup);
        if (matches.Count == 0)
        {
            notes.Add($"{rule.Id}: no AZ-affinity record's location holds {client.Given}, so Route 53 has no record to answer with");
            return [];
        }
        if (assumedGroup is not null)
            notes.Add($"{rule.Id}: {client.Given} is assumed to be in the Zone Group {assumedGroup.AzAffinity!.Id} of its region " +
                $"({assumedGroup.Id}); an AZ ID does not say which Zone Group holds it");
        // Developer Guide, AZ-affinity routing: "it responds with the first healthy record in the following order of location types,
        // from most specific to least specific".
        foreach (var match in matches)
        {
            if (!health.IsHealthy(match)) continue;
            var first = ReferenceEquals(match, matches[0]);
            if (first)
                notes.Add($"{rule.Id}: {client.Given} is in {match.AzAffinity} ({match.Id}), its most specific location with a record");
            else notes.Add($"{rule.Id}: the record for {matches[0].AzAffinity} ({matches[0].Id}) is unhealthy; Route 53 falls back to " +
                $"{match.AzAffinity} ({match.Id})");
            var decision = ReferenceEquals(match, assumedGroup) ? Decision.AzAffinityZoneGroupAssumed
                : first ? Decision.AzAffinityMatch : Decision.AzAffinityLessSpecific;
            return [new(match, 1, decision)];
        }
        // API reference, AZAffinity: "If every record that matches a query is unhealthy, Route 53 responds with the most specific one."
        notes.Add($"{rule.Id}: every record matching {client.Given} is unhealthy, so Route 53 answers with the most specific, " +
            $"{matches[0].AzAffinity} ({matches[0].Id})");
        return [new(matches[0], 1, Decision.AzAffinityAllUnhealthy)];
    }

    private List<Choice> Multivalue(TreeNode rule)
    {
        var eligible = Eligible(rule, rule.Children, out var failedOpen);
        if (eligible.Count == 0) return [];
        var returned = Math.Min(eligible.Count, MultivalueLimit);
        notes.Add(eligible.Count > MultivalueLimit
            ? $"{rule.Id}: Route 53 returns {MultivalueLimit} of these {eligible.Count} multivalue records at random in each response; " +
                $"each answers 1/{eligible.Count} of queries"
            : $"{rule.Id}: Route 53 returns these {returned} multivalue records together in each response; each answers 1/{returned} of " +
                $"queries, the client choosing among them");
        var decision = failedOpen ? Decision.FailOpen : Decision.Multivalue;
        return eligible.Select(c => new Choice(c, 1.0 / eligible.Count, decision)).ToList();
    }

    private bool IsRegion(TreeNode node) => string.Equals(node.Region, region, StringComparison.OrdinalIgnoreCase);

    private static int IndexOf(IReadOnlyList<TreeNode> nodes, Func<TreeNode, bool> predicate)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (predicate(nodes[i])) return i;
        }
        return -1;
    }

    private static string Describe(RoutingPolicy? policy) => policy?.ToString().ToLowerInvariant() ?? "rule";

    private static string Describe(GeoLocationSpec? location) => location is null ? "no location" : location.ToString();
}
