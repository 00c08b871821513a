using System.Collections.Concurrent;
using Failover.Core.Diagnostics;
using Failover.Core.Spec;
using Failover.Core.Validation;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Zones;

/// <summary>
/// Which hosted zones are private: GetHostedZone's <c>Config.PrivateZone</c>, read once per zone and kept for the life of
/// the process. A zone's kind is set when it is created (CreateHostedZone with or without a <c>VPC</c>) and no Route 53 call
/// changes it, so the answer never goes stale; a failed read is not kept.
/// </summary>
public sealed class HostedZonePrivacy(IRecordSets route53)
{
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>The GetHostedZone requests made so far (each zone's first question).</summary>
    public int Reads => _reads;

    private int _reads;

    public async Task<ZonePrivacy> ReadAsync(IEnumerable<string> hostedZoneIds, CancellationToken cancellationToken)
    {
        var privateIds = new List<string>();
        foreach (var id in hostedZoneIds.Distinct(StringComparer.Ordinal))
            if (await IsPrivateAsync(id, cancellationToken).ConfigureAwait(false)) privateIds.Add(id);
        return ZonePrivacy.Of(privateIds);
    }

    public async Task<bool> IsPrivateAsync(string hostedZoneId, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(hostedZoneId, out var known)) return known;
        Interlocked.Increment(ref _reads);
        var zone = await route53.GetHostedZoneAsync(hostedZoneId, cancellationToken).ConfigureAwait(false);
        return _known[hostedZoneId] = zone.PrivateZone;
    }

    /// <summary>The private-zone rules' diagnostics for <paramref name="spec"/> (errors and warnings), its zones read first.</summary>
    public async Task<IReadOnlyList<SpecDiagnostic>> CheckAsync(TreeSpec spec, CancellationToken cancellationToken) =>
        TreeValidator.ValidateInZones(spec, await ReadAsync(TreeValidator.ZonesOf(spec), cancellationToken).ConfigureAwait(false));

    /// <summary>The errors of <see cref="CheckAsync"/> as one message, or null when there are none.</summary>
    public async Task<string?> RefusalAsync(TreeSpec spec, CancellationToken cancellationToken)
    {
        var errors = (await CheckAsync(spec, cancellationToken).ConfigureAwait(false)).Where(d => d.Severity == Severity.Error).ToList();
        return errors.Count == 0 ? null
            : $"tree '{spec.Name}' breaks the rules of a private hosted zone; nothing was changed: "
                + string.Join("; ", errors.Select(d => d.ToString()));
    }
}
