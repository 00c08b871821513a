using System.Security.Cryptography;
using System.Text;
using Failover.Core.Adoption;
using Failover.Core.Compilation;
using Failover.Core.Diagnostics;
using Failover.Core.Route53;
using Failover.Core.Spec;

namespace Failover.Core.Tests.Adoption;

/// <summary>Zones as a tree (or a person) left them, and the round trip adopt → compile that must give them back.</summary>
internal static class ZoneFixtures
{
    public const string ZoneId = "Z0000000000000000000A";

    public static TreeSpec Parse(string json)
    {
        var result = SpecLoader.Load(json);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Spec!;
    }

    public static string CheckId(string seed)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(bytes.AsSpan(0, 16)).ToString();
    }

    /// <summary>What Route 53 holds once a tree is applied: its records with the ids of the checks made for it.</summary>
    public static ZoneSnapshot Materialise(TreeSpec spec, string zoneName = "example.com")
    {
        var compiled = TreeCompiler.Compile(spec);
        var ids = compiled.HealthChecks.ToDictionary(h => h.NodeId, h => CheckId(spec.Name + "/" + h.NodeId), StringComparer.Ordinal);
        var checks = compiled.HealthChecks
            .Select(h => new ExistingHealthCheckView(ids[h.NodeId], Resolve(h.Config, ids))).ToList();
        var records = compiled.Records.Select(r => r.RecordSet with { HealthCheckId = Resolve(r.RecordSet.HealthCheckId, ids) }).ToList();
        return new ZoneSnapshot(spec.HostedZoneId, zoneName, records, checks);
    }

    /// <summary>The records the adopted spec compiles to, its adopted checks' ids in place of the placeholders.</summary>
    public static List<ResourceRecordSet> Recompile(TreeSpec adopted)
    {
        var ids = adopted.Adopt?.HealthChecks ?? new Dictionary<string, string>();
        return TreeCompiler.Compile(adopted).Records
            .Select(r => r.RecordSet with { HealthCheckId = Resolve(r.RecordSet.HealthCheckId, ids) }).ToList();
    }

    /// <summary>Adopts, checks the spec survives writing and reading back with no error, and returns it.</summary>
    public static (TreeSpec Spec, AdoptionResult Result) AdoptClean(ZoneSnapshot zone, string recordName, string tree = "adopted")
    {
        var result = ZoneAdopter.Adopt(zone, new AdoptionRequest(tree, recordName));
        Assert.True(result.Spec is not null, string.Join("\n", result.Errors));
        var text = SpecJsonWriter.Write(result.Spec);
        var reread = SpecLoader.Load(text);
        Assert.False(reread.HasErrors, string.Join("\n", reread.Diagnostics.Where(d => d.Severity == Severity.Error)) + "\n" + text);
        return (reread.Spec!, result);
    }

    /// <summary>Same record sets, field by field, whatever the order.</summary>
    public static void SameRecords(IEnumerable<ResourceRecordSet> expected, IEnumerable<ResourceRecordSet> actual)
    {
        var want = expected.ToDictionary(r => r.Key);
        var got = actual.ToDictionary(r => r.Key);
        Assert.Equal(want.Keys.Order(KeyComparer.Instance), got.Keys.Order(KeyComparer.Instance));
        foreach (var (key, record) in want)
            Assert.True(record.SameAs(got[key]), $"{key}: zone {Describe(record)} but the adopted tree writes {Describe(got[key])}");
    }

    private static string Describe(ResourceRecordSet r) =>
        $"weight={r.Weight} region={r.Region} geo={r.GeoLocation} failover={r.Failover} mv={r.MultiValueAnswer} ttl={r.Ttl} " +
        $"values=[{string.Join(",", r.ResourceRecords)}] alias={r.AliasTarget} hc={r.HealthCheckId}";

    private static string? Resolve(string? id, IReadOnlyDictionary<string, string> ids) =>
        HealthCheckPlaceholder.TryGetNodeId(id, out var node) && ids.TryGetValue(node, out var real) ? real : id;

    private static HealthCheckConfig Resolve(HealthCheckConfig config, IReadOnlyDictionary<string, string> ids) =>
        config with { ChildHealthChecks = config.ChildHealthChecks.Select(c => Resolve(c, ids)!).ToList() };

    public static ResourceRecordSet Record(string name, string? setIdentifier = null, long? ttl = 60, string[]? values = null,
        AliasTarget? alias = null, string type = "A") => new()
    {
        Name = name,
        Type = type,
        SetIdentifier = setIdentifier,
        Ttl = alias is null ? ttl : null,
        ResourceRecords = alias is null ? values ?? ["192.0.2.1"] : [],
        AliasTarget = alias,
    };

    private sealed class KeyComparer : IComparer<RecordKey>
    {
        public static KeyComparer Instance { get; } = new();

        public int Compare(RecordKey x, RecordKey y) =>
            string.CompareOrdinal($"{x.Name}|{x.Type}|{x.SetIdentifier}", $"{y.Name}|{y.Type}|{y.SetIdentifier}");
    }
}
