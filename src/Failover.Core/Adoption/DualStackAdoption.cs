using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Drift;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Core.Validation;

namespace Failover.Core.Adoption;

/// <summary>
/// A name that holds A and AAAA records built as one dual-stack tree (<c>recordTypes: ["A", "AAAA"]</c>): the A records are
/// adopted as any tree is, each endpoint then takes the IPv6 values of the AAAA record with its name and set identifier, and
/// the result is held to the zone: the spec compiled must give back every AAAA record exactly (same set identifiers, routing,
/// TTLs, alias targets and health check as its A twin, since a dual-stack tree's node has one check for both types). Anything
/// else is refused on the AAAA record concerned: those are two designs, adopted one type at a time.
/// </summary>
internal static class DualStackAdoption
{
    public static AdoptionResult Adopt(ZoneSnapshot zone, AdoptionRequest request)
    {
        var ipv4 = ZoneAdopter.Adopt(zone, request with { RecordType = "A" });
        if (ipv4.Spec is not { } single) return ipv4;
        var zoneAaaa = zone.Records.Where(r => r.Type.Equals("AAAA", StringComparison.OrdinalIgnoreCase))
            .GroupBy(r => Key(r.Name, r.SetIdentifier)).ToDictionary(g => g.Key, g => g.First());
        var errors = new List<AdoptionProblem>();

        // Each endpoint leaf's A record, by node id, to find its AAAA twin's addresses.
        var leafRecords = TreeCompiler.Compile(single).Records.Where(r => r.RecordSet.AliasTarget is null)
            .ToDictionary(r => r.NodeId, r => r.RecordSet, StringComparer.Ordinal);
        TreeNode WithIpv6(TreeNode node)
        {
            if (node.Endpoint is { } endpoint && leafRecords.TryGetValue(node.Id, out var a))
            {
                if (zoneAaaa.TryGetValue(Key(a.Name, a.SetIdentifier), out var twin) && twin.AliasTarget is null)
                    return node with { Endpoint = endpoint with { Values = [.. endpoint.Values, .. twin.ResourceRecords] } };
                errors.Add(new AdoptionProblem(a.Key, $"it has no AAAA record with its name and set identifier holding addresses, " +
                    "so the A and AAAA records at this name are not one dual-stack tree; adopt one type (--type A or --type AAAA)"));
                return node;
            }
            return node with
            {
                Primary = node.Primary is { } p ? WithIpv6(p) : null,
                Secondary = node.Secondary is { } s ? WithIpv6(s) : null,
                Children = node.Children.Select(WithIpv6).ToList(),
            };
        }
        var spec = single with { DualStack = true, RecordType = "A", Root = WithIpv6(single.Root) };
        if (errors.Count > 0) return new AdoptionResult(null, errors, ipv4.Warnings);

        var checkIds = spec.Adopt?.HealthChecks ?? new Dictionary<string, string>();
        var compiledAaaa = TreeCompiler.Compile(spec).Records.Select(r => r.RecordSet).Where(r => r.Type == "AAAA")
            .Select(r => r with { HealthCheckId = Resolve(r.HealthCheckId, checkIds) }).ToList();
        var names = compiledAaaa.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var wanted in compiledAaaa)
        {
            if (!zoneAaaa.TryGetValue(Key(wanted.Name, wanted.SetIdentifier), out var found))
            {
                errors.Add(new AdoptionProblem(wanted.Key with { Type = "A" }, "it has no AAAA twin with its name and set identifier, " +
                    "so the A and AAAA records at this name are not one dual-stack tree; adopt one type (--type A or --type AAAA)"));
                continue;
            }
            var differences = RecordFields.Compare(wanted, found).Select(d => $"{d.Field} {d.Expected ?? "unset"} → {d.Actual ?? "unset"}")
                .ToList();
            if (wanted.HealthCheckId != found.HealthCheckId)
                differences.Add($"healthCheckId {wanted.HealthCheckId ?? "unset"} → {found.HealthCheckId ?? "unset"}");
            if (differences.Count > 0)
                errors.Add(new AdoptionProblem(found.Key, "it differs from its A twin where a dual-stack tree writes both alike (" +
                    string.Join("; ", differences) + "); adopt one type (--type A or --type AAAA)"));
        }
        // An AAAA record at one of the tree's names that no node writes would be left to no one.
        foreach (var extra in zoneAaaa.Values.Where(r => names.Contains(DnsNames.Normalize(r.Name))
                     && !compiledAaaa.Exists(w => Key(w.Name, w.SetIdentifier) == Key(r.Name, r.SetIdentifier))))
            errors.Add(new AdoptionProblem(extra.Key, "no A record has its name and set identifier, so the A and AAAA records at " +
                "this name are not one dual-stack tree; adopt one type (--type A or --type AAAA)"));
        foreach (var problem in TreeValidator.Validate(spec).Where(d => d.Severity == Severity.Error))
            errors.Add(new AdoptionProblem(null, $"{problem.Message} (spec {problem.Path})"));
        if (errors.Count > 0) return new AdoptionResult(null, errors, ipv4.Warnings);
        return new AdoptionResult(spec, [], ipv4.Warnings) { Records = [.. ipv4.Records, .. compiledAaaa.Select(r => r.Key)] };
    }

    private static (string Name, string? SetIdentifier) Key(string name, string? setIdentifier) =>
        (DnsNames.Normalize(name), setIdentifier);

    private static string? Resolve(string? id, IReadOnlyDictionary<string, string> checks) =>
        HealthCheckPlaceholder.TryGetNodeId(id, out var node) && checks.TryGetValue(node, out var real) ? real : id;
}
