using System.Text.RegularExpressions;
using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>The tree's own fields: its name, zone, record name and type, TTL.</summary>
internal static partial class TreeFieldRules
{
    public const long MaxTtl = int.MaxValue;

    public static void Check(ValidationContext context)
    {
        var spec = context.Spec;
        if (!TreeName().IsMatch(spec.Name))
            context.Error("$.name",
                "the tree name must be 1–64 letters, digits, '-' or '_', starting with a letter or digit (it keys the tree's versions " +
                    "and health checks)");
        CheckZoneId(context, spec.HostedZoneId, "$.hostedZoneId");

        var zoneProblem = DnsNameSyntax.Problem(spec.ZoneName);
        if (zoneProblem is not null) context.Error("$.zoneName", $"the zone name {zoneProblem}");
        var recordProblem = DnsNameSyntax.Problem(spec.RecordName, allowWildcard: true);
        if (recordProblem is not null) context.Error("$.recordName", $"the record name {recordProblem}");
        if (zoneProblem is null && recordProblem is null && !IsInZone(spec.RecordName, spec.ZoneName))
            context.Error("$.recordName", $"\"{spec.RecordName}\" is not inside the zone \"{spec.ZoneName}\"");

        if (!AwsCatalog.RoutableRecordTypes.Contains(spec.RecordType))
        {
            var why = spec.RecordType is "NS" or "SOA" or "DS" ? $"{spec.RecordType} records cannot have a routing policy; " : "";
            context.Error("$.recordType", $"{why}recordType must be one of {string.Join(", ", AwsCatalog.RoutableRecordTypes)}");
        }
        // DNS forbids a CNAME beside the SOA and NS records every zone apex has.
        if (spec.RecordType == "CNAME" && spec.RecordName == spec.ZoneName && spec.ZoneName.Length > 0)
            context.Error("$.recordType", "a CNAME record cannot be at the zone apex; use an A or AAAA tree (aliases work at the apex)");
        if (spec.Ttl is < 0 or > MaxTtl) context.Error("$.ttl", $"ttl must be between 0 and {MaxTtl} seconds");

        if (spec.RecordName.StartsWith("*.", StringComparison.Ordinal)
            && context.Nodes.Any(n => n.Parent is not null && n.Node.Routing is not null))
            context.Error(
                "$.recordName", $"a wildcard record name cannot have nested rules: their helper names " +
                    $"({HelperNames.For("id", spec.RecordName)}) would hold a literal '*', not a wildcard");
    }

    public static bool IsZoneId(string zoneId) => ZoneId().IsMatch(zoneId);

    public static void CheckZoneId(ValidationContext context, string zoneId, string path)
    {
        if (IsZoneId(zoneId)) return;
        var hint = zoneId.StartsWith("/hostedzone/", StringComparison.Ordinal) ? " (leave out the \"/hostedzone/\" prefix)" : "";
        context.Error(path, $"\"{Shown(zoneId)}\" is not a hosted zone id: expected 1–32 upper-case letters and digits{hint}");
    }

    public static bool IsInZone(string name, string zone) =>
        name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    public static string Shown(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\\z")]
    private static partial Regex TreeName();

    // Route 53's ResourceId is at most 32 characters with no documented prefix: AWS's ids start with 'Z', but other
    // implementations of the API (moto behind the local stack) mint ids without it.
    [GeneratedRegex("^[A-Z0-9]{1,32}\\z")]
    private static partial Regex ZoneId();
}
