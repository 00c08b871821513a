using Failover.Core.Route53;

namespace Failover.Service.Tests.Workflow;

/// <summary>What must hold of the zone at every moment of a run, for Route 53 to answer for the tree.</summary>
internal static class ZoneInvariants
{
    /// <summary>
    /// Every alias into the zone has records at its target (an alias to a name with none answers nothing), and every
    /// record's health check exists (Route 53 would treat a record whose check is gone as healthy).
    /// </summary>
    public static void AssertServable(ZoneSnapshot zone, string hostedZoneId)
    {
        var names = zone.Records.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var record in zone.Records)
        {
            if (record.AliasTarget is { } alias && alias.HostedZoneId == hostedZoneId)
                Assert.True(names.Contains(alias.DnsName), $"{record.Key} is an alias to {alias.DnsName}, which has no records");
            if (record.HealthCheckId is { } id)
                Assert.True(zone.HealthCheckIds.Contains(id), $"{record.Key} uses health check {id}, which does not exist");
        }
    }

    /// <summary>Records the zone before every change batch Route 53 receives (so: after every batch before it).</summary>
    public static List<ZoneSnapshot> RecordBeforeEveryBatch(ServiceHarness harness)
    {
        var zones = new List<ZoneSnapshot>();
        harness.Route53.BeforeRequest = operation =>
        {
            if (operation == "ChangeResourceRecordSets") zones.Add(harness.Snapshot());
            return Task.CompletedTask;
        };
        return zones;
    }
}

/// <summary>The zone's record sets (apart from NS and SOA) and the account's health check ids at one moment.</summary>
internal sealed record ZoneSnapshot(IReadOnlyList<ResourceRecordSet> Records, IReadOnlySet<string> HealthCheckIds);
