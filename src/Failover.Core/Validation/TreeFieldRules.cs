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
        CheckNames(context, spec.First);

        if (!AwsCatalog.RoutableRecordTypes.Contains(spec.RecordType))
        {
            var why = spec.RecordType is "NS" or "SOA" or "DS" ? $"{spec.RecordType} records cannot have a routing policy; " : "";
            context.Error("$.recordType", $"{why}recordType must be one of {string.Join(", ", AwsCatalog.RoutableRecordTypes)}");
        }
        CheckApex(context, spec.First);
        if (spec.Ttl is < 0 or > MaxTtl) context.Error("$.ttl", $"ttl must be between 0 and {MaxTtl} seconds");
        CheckWildcard(context, spec.First);
    }

    /// <summary>Every rule on one attachment's zone and name (the top-level one is checked field by field above).</summary>
    public static void CheckAttachment(ValidationContext context, TreeAttachment attachment)
    {
        CheckZoneId(context, attachment.HostedZoneId, attachment.PathOf("hostedZoneId"));
        CheckNames(context, attachment);
        CheckApex(context, attachment);
        CheckWildcard(context, attachment);
    }

    /// <summary>One attachment's zone and record name: the same rules for the top-level fields and every attachment.</summary>
    private static void CheckNames(ValidationContext context, TreeAttachment attachment)
    {
        var zoneProblem = attachment.ZoneName.Length == 0 && !attachment.IsFirst ? null : DnsNameSyntax.Problem(attachment.ZoneName);
        if (zoneProblem is not null) context.Error(attachment.PathOf("zoneName"), $"the zone name {zoneProblem}");
        var recordProblem = DnsNameSyntax.Problem(attachment.RecordName, allowWildcard: true);
        if (recordProblem is not null) context.Error(attachment.PathOf("recordName"), $"the record name {recordProblem}");
        // ChangeResourceRecordSets refuses a name outside the zone ("RRSet with DNS name … is not permitted in zone …").
        if (zoneProblem is null && recordProblem is null && attachment.ZoneName.Length > 0
            && !IsInZone(attachment.RecordName, attachment.ZoneName))
            context.Error(attachment.PathOf("recordName"), $"\"{attachment.RecordName}\" is not inside the zone \"{attachment.ZoneName}\"");
    }

    private static void CheckApex(ValidationContext context, TreeAttachment attachment)
    {
        var spec = context.Spec;
        // DNS forbids a CNAME beside the SOA and NS records every zone apex has (Developer Guide, "Values that are common
        // for alias records", Record name: a CNAME record's name can't be the name of the hosted zone).
        if (spec.RecordType == "CNAME" && attachment.RecordName == attachment.ZoneName && attachment.ZoneName.Length > 0)
            context.Error(attachment.IsFirst ? "$.recordType" : attachment.PathOf("recordName"),
                "a CNAME record cannot be at the zone apex; use an A or AAAA tree (aliases work at the apex)");
    }

    private static void CheckWildcard(ValidationContext context, TreeAttachment attachment)
    {
        if (attachment.RecordName.StartsWith("*.", StringComparison.Ordinal)
            && context.Nodes.Any(n => n.Parent is not null && n.Node.Routing is not null))
            context.Error(
                attachment.PathOf("recordName"), $"a wildcard record name cannot have nested rules: their helper names " +
                    $"({HelperNames.For("id", attachment.RecordName)}) would hold a literal '*', not a wildcard");
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
