using Failover.Core.Route53;
using Failover.Core.Compilation;
using Failover.Core.Spec;

namespace Failover.Core.Validation;

/// <summary>
/// A tree of several names (<c>attachments</c>): each attachment is a zone and a record name of its own, checked as the
/// top-level ones are, and no two of them may put records at the same name of the same zone.
/// </summary>
internal static class AttachmentRules
{
    public static void Check(ValidationContext context)
    {
        var spec = context.Spec;
        if (spec.Attachments.Count == 0) return;
        var seen = new Dictionary<(string? Zone, string Name), string>(NameInZone.Comparer)
        {
            [(spec.HostedZoneId, spec.RecordName)] = "the top-level hostedZoneId and recordName",
        };
        var zoneNames = new Dictionary<string, (string Name, string Path)>(StringComparer.Ordinal)
        {
            [spec.HostedZoneId] = (spec.ZoneName, "$.zoneName"),
        };
        var listedNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var attachment in spec.Attachments)
        {
            TreeFieldRules.CheckAttachment(context, attachment);
            if (attachment.ZoneName.Length == 0)
                context.Error(attachment.PathOf("zoneName"),
                    $"zoneName is required: neither the top level nor an earlier attachment names the zone {attachment.HostedZoneId}");
            // A hosted zone has one name (API reference, HostedZone.Name), whichever attachment names it.
            else if (zoneNames.TryGetValue(attachment.HostedZoneId, out var known) && known.Name != attachment.ZoneName)
                context.Error(attachment.PathOf("zoneName"),
                    $"the zone {attachment.HostedZoneId} is \"{known.Name}\" at {known.Path}: one hosted zone has one name");
            else zoneNames.TryAdd(attachment.HostedZoneId, (attachment.ZoneName, attachment.PathOf("zoneName")));

            // Two attachments at one name of one zone would write the same record sets twice: Route 53 tells a name's
            // records apart by SetIdentifier alone (API reference, ResourceRecordSet.SetIdentifier). The same name in
            // two zones is two places (a public and a private zone answering alike, or two public zones of one domain),
            // each zone holding its own record sets (API reference, ChangeResourceRecordSets: Id).
            if (seen.TryGetValue((attachment.HostedZoneId, attachment.RecordName), out var first))
                context.Error(attachment.Path, $"{attachment.RecordName} in zone {attachment.HostedZoneId} is already attached by {first}" +
                    (first.StartsWith("the top-level", StringComparison.Ordinal)
                        ? ": the top-level fields are the first attachment; list only the others under attachments"
                        : ": one name of one zone answers once"));
            // Each listed attachment's nodes are tracked under its record name (AttachmentNodes: <node>@<recordName>), so two
            // listed attachments cannot share one; the top-level one's nodes keep their plain ids.
            else if (listedNames.TryGetValue(attachment.RecordName, out var other))
                context.Error(attachment.Path, $"{attachment.RecordName} is already listed at {other} (in another zone): a name " +
                    "can be attached in two zones, at the top level and once under attachments");
            else
            {
                seen[(attachment.HostedZoneId, attachment.RecordName)] = attachment.Path;
                listedNames[attachment.RecordName] = attachment.Path;
            }
        }
        CheckHelperNames(context);
        CheckAliasesToZoneRecords(context);
    }

    /// <summary>
    /// An explicit <c>helperName</c> pins a rule's records to one name, which can serve one attachment only; with several,
    /// every helper name is derived from its attachment's record name. Derived names must not land on another
    /// attachment's record or helper name in the same zone.
    /// </summary>
    private static void CheckHelperNames(ValidationContext context)
    {
        var spec = context.Spec;
        var rules = context.Nodes.Where(n => n.Parent is not null && n.Node.Routing is not null).ToList();
        foreach (var visited in rules.Where(r => r.Node.HelperName is not null))
            context.Error(visited.PathOf("helperName"),
                "a tree with attachments derives every helper name from each attachment's record name (_<id>.<recordName>); remove " +
                    "helperName (applying then moves the rule's records to the derived name, make-before-break)");

        // Within each zone: the same name in another zone is another place.
        var names = new Dictionary<(string? Zone, string Name), string>(NameInZone.Comparer);
        foreach (var attachment in spec.AllAttachments)
            names.TryAdd((attachment.HostedZoneId, attachment.RecordName), attachment.PathOf("recordName"));
        foreach (var attachment in spec.AllAttachments)
            foreach (var rule in rules)
            {
                var helper = HelperNames.For(rule.Node.Id, attachment.RecordName);
                if (names.TryAdd((attachment.HostedZoneId, helper), attachment.PathOf("recordName"))) continue;
                // Reported at a listed attachment: the top-level fields are the one that was there first.
                var other = names[(attachment.HostedZoneId, helper)];
                context.Error(attachment.IsFirst ? other : attachment.PathOf("recordName"),
                    $"the rule {rule.Node.Path} would live at \"{helper}\", a name another attachment already uses");
            }
    }

    /// <summary>
    /// An alias to another record names that record's zone, and an alias can only point into its own zone (API
    /// reference, AliasTarget.HostedZoneId: "the hosted zone ID for the hosted zone that contains the record that you're
    /// routing traffic to"; Developer Guide, "Choosing between alias and non-alias records": another record in the same
    /// hosted zone): such a leaf cannot serve attachments in other zones.
    /// </summary>
    private static void CheckAliasesToZoneRecords(ValidationContext context)
    {
        var spec = context.Spec;
        var zones = spec.AllAttachments.Select(a => a.HostedZoneId).Distinct(StringComparer.Ordinal).ToList();
        if (zones.Count < 2) return;
        foreach (var visited in context.Nodes)
            if (visited.Node.Alias is { } alias && zones.Contains(alias.HostedZoneId, StringComparer.OrdinalIgnoreCase))
                context.Error(visited.PathOf("alias.hostedZoneId"),
                    $"an alias to a record in the zone {alias.HostedZoneId} works only in that zone, and this tree's attachments are in " +
                        $"{zones.Count} zones; point it at an AWS resource, or make one tree per zone");
    }
}
