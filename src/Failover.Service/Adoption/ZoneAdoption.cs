using Failover.Core.Adoption;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Apply;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports.Store;

namespace Failover.Service.Adoption;

/// <summary>
/// Reads a zone and reconstructs the tree it holds at a name (<see cref="ZoneAdopter"/>). Reads only: the spec it
/// returns takes the records over when it is applied. Refuses a name another tree of this deployment already answers
/// for, and health checks another tree has tagged.
/// </summary>
public sealed class ZoneAdoption(IRoute53 route53, IRecordNameClaims claims) : IZoneAdoptions
{
    public async Task<AdoptionResult> AdoptAsync(string hostedZoneId, AdoptionRequest request,
        CancellationToken cancellationToken = default)
    {
        var zone = await route53.GetHostedZoneAsync(hostedZoneId, cancellationToken).ConfigureAwait(false);
        var records = new List<ResourceRecordSet>();
        await foreach (var record in route53.ListAllResourceRecordSetsAsync(hostedZoneId, cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
            records.Add(record);
        // One tree answers for a name (the record name claim every run takes first); its records are that tree's.
        var recordName = DnsNames.Normalize(request.RecordName);
        var types = records.Where(r => r.Name == recordName && r.Type is not ("NS" or "SOA")).Select(r => r.Type).Distinct().ToList();
        foreach (var type in types.Where(t => request.RecordType is null
                     || t.Equals(request.RecordType, StringComparison.OrdinalIgnoreCase)))
        {
            var owner = await claims.GetRecordNameOwnerAsync(hostedZoneId, recordName, type, cancellationToken).ConfigureAwait(false);
            if (owner is not null && owner != request.TreeName)
                return new AdoptionResult(null,
                    [new AdoptionProblem(null, $"tree '{owner}' already owns the records at {recordName} {type}")], [])
                {
                    OwnerTree = owner,
                };
        }

        var snapshot = new ZoneSnapshot(hostedZoneId, zone.Name, records,
            await ChecksAsync(records, cancellationToken).ConfigureAwait(false));
        return ZoneAdopter.Adopt(snapshot, request);
    }

    /// <summary>The checks the zone's records name, with the tree tag each carries (ten per ListTagsForResources call).</summary>
    private async Task<List<ExistingHealthCheckView>> ChecksAsync(List<ResourceRecordSet> records, CancellationToken cancellationToken)
    {
        var named = records.Select(r => r.HealthCheckId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var checks = new List<HealthCheck>();
        if (named.Count == 0) return [];
        await foreach (var check in route53.ListAllHealthChecksAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            if (named.Contains(check.Id)) checks.Add(check);
        var views = new List<ExistingHealthCheckView>();
        foreach (var chunk in checks.Chunk(IHealthChecks.MaxTagResources))
        {
            var tags = await route53.ListTagsForResourcesAsync(chunk.Select(c => c.Id).ToList(), cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            foreach (var check in chunk)
                views.Add(new ExistingHealthCheckView(check.Id, check.Config,
                    HealthCheckTags.Find(tags.GetValueOrDefault(check.Id) ?? [], HealthCheckTags.Tree)));
        }
        return views;
    }

    /// <summary>The adopted spec as a file: canonical JSON, as <c>failover adopt -o</c> writes it.</summary>
    public static string Write(TreeSpec spec) => SpecJsonWriter.Write(spec);
}
