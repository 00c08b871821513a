using System.Text.RegularExpressions;

namespace Failover.Service.Zones;

/// <summary>
/// The hosted zones this deployment may change. The API checks it before any Route 53 call, and every workflow step and
/// drift repair that writes checks it again before its first write: IAM names the same zones, but a policy widened by
/// hand (or a role shared with another tool) must not be the only thing between a tree and a zone it was never meant
/// to touch.
/// </summary>
public sealed partial class ZoneAllowList
{
    /// <summary>The variable every function reads the list from (the template's AllowedHostedZoneIds parameter).</summary>
    public const string Variable = "ALLOWED_HOSTED_ZONE_IDS";

    /// <summary>An older name of the same list, read when <see cref="Variable"/> is unset.</summary>
    public const string TemplateVariable = "FAILOVER_ALLOWED_ZONES";

    private readonly HashSet<string> _zones;

    public ZoneAllowList(IEnumerable<string> zoneIds)
    {
        _zones = zoneIds.Select(Normalize).ToHashSet(StringComparer.Ordinal);
    }

    private ZoneAllowList()
    {
        _zones = [];
        AllowsAny = true;
    }

    /// <summary>Allows no zone: what a deployment gets when it names none.</summary>
    public static ZoneAllowList None { get; } = new([]);

    /// <summary>
    /// Allows every zone: for code that builds the workflow itself on a local stack whose zones tests create as they go
    /// (the local API still narrows to the zones start-up made). A deployed function never gets it: it reads
    /// <see cref="Variable"/>.
    /// </summary>
    public static ZoneAllowList Any { get; } = new();

    public bool AllowsAny { get; }

    public IReadOnlyCollection<string> Zones => _zones;

    public bool Allows(string hostedZoneId) => AllowsAny || _zones.Contains(Normalize(hostedZoneId));

    /// <summary>Why tree <paramref name="tree"/> may not change zone <paramref name="hostedZoneId"/>; null when it may.</summary>
    public string? Refusal(string hostedZoneId, string tree) =>
        Allows(hostedZoneId) ? null
        : _zones.Count == 0
            ? $"tree '{tree}' is in hosted zone {hostedZoneId}, and this service allows no hosted zones (set {Variable})"
            : $"tree '{tree}' is in hosted zone {hostedZoneId}, which is not one this service may change (allowed: " +
                $"{string.Join(", ", _zones.Order(StringComparer.Ordinal))})";

    /// <summary><see cref="Variable"/>, or <see cref="TemplateVariable"/> when that is unset; neither set allows no zone.</summary>
    public static ZoneAllowList FromEnvironment(Func<string, string?> environment)
    {
        var variable = string.IsNullOrWhiteSpace(environment(Variable)) && !string.IsNullOrWhiteSpace(environment(TemplateVariable))
            ? TemplateVariable
            : Variable;
        return Parse(environment(variable), variable);
    }

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
