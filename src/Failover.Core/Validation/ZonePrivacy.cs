namespace Failover.Core.Validation;

/// <summary>
/// What validation knows about the hosted zones a tree answers in beyond the spec itself: which of them are private
/// (GetHostedZone, <c>Config.PrivateZone</c>). The spec does not say, so the plan and the apply read it from Route 53, once
/// per zone, and pass it in; a spec validated without it (<see cref="Unknown"/>) is checked by the rules of every zone.
/// </summary>
public sealed record ZonePrivacy(IReadOnlySet<string> PrivateZoneIds)
{
    public static ZonePrivacy Unknown { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    /// <summary>A privacy map of the zones given, by bare id or <c>/hostedzone/</c> path.</summary>
    public static ZonePrivacy Of(IEnumerable<string> privateZoneIds) =>
        new(privateZoneIds.Select(Bare).ToHashSet(StringComparer.Ordinal));

    public bool IsPrivate(string hostedZoneId) => PrivateZoneIds.Contains(Bare(hostedZoneId));

    private static string Bare(string id) => id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id["/hostedzone/".Length..] : id;
}
