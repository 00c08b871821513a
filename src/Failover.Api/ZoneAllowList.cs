using System.Text.RegularExpressions;

namespace Failover.Api;

/// <summary>
/// The hosted zones this deployment may change. Checked before any Route 53 call, so a tree aimed at another zone is
/// refused without the service's role ever touching it.
/// </summary>
public sealed partial class ZoneAllowList
{
    private readonly HashSet<string> _zones;

    public ZoneAllowList(IEnumerable<string> zoneIds)
    {
        _zones = zoneIds.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    public static ZoneAllowList None { get; } = new([]);

    public IReadOnlyCollection<string> Zones => _zones;

    public bool Allows(string hostedZoneId) => _zones.Contains(Normalize(hostedZoneId));

    /// <summary>Reads a comma-separated list (<c>Z1,Z2</c>; a <c>/hostedzone/</c> prefix is accepted); throws naming the setting.</summary>
    public static ZoneAllowList Parse(string? text, string settingName)
    {
        var ids = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = ids.Where(id => !ZoneId().IsMatch(Normalize(id))).ToList();
        if (bad.Count > 0)
            throw new ArgumentException(
                $"{settingName} must be a comma-separated list of hosted zone ids (1–32 letters and digits); these are not: " +
                    $"{string.Join(", ", bad.Select(b => $"'{b}'"))}.");
        return new ZoneAllowList(ids);
    }

    // Route 53 answers ids as "/hostedzone/Z123"; specs hold the bare id. Ids are upper case, so compare them so.
    private static string Normalize(string id)
    {
        var slash = id.LastIndexOf('/');
        return (slash < 0 ? id : id[(slash + 1)..]).Trim().ToUpperInvariant();
    }

    [GeneratedRegex("^[A-Z0-9]{1,32}\\z")]
    private static partial Regex ZoneId();
}
