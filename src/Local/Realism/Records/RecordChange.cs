using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>One <c>Change</c> of a ChangeResourceRecordSets request.</summary>
public sealed record RecordChange(string Action, ZoneRecordSet RecordSet)
{
    /// <summary>The changes of a ChangeResourceRecordSets request body, in order; null when the body is not one.</summary>
    public static IReadOnlyList<RecordChange>? ParseRequest(XDocument request)
    {
        var root = request.Root;
        if (root is null || root.Name.LocalName != "ChangeResourceRecordSetsRequest") return null;
        var ns = root.Name.Namespace;
        var changes = root.Element(ns + "ChangeBatch")?.Element(ns + "Changes")?.Elements(ns + "Change");
        if (changes is null) return null;
        var parsed = new List<RecordChange>();
        foreach (var change in changes)
        {
            var action = change.Element(ns + "Action")?.Value.Trim().ToUpperInvariant();
            var recordSet = change.Element(ns + "ResourceRecordSet");
            // Leave malformed changes to moto, which answers them with its own InvalidInput.
            if (action is not ("CREATE" or "DELETE" or "UPSERT") || recordSet is null) return null;
            parsed.Add(new RecordChange(action, ZoneRecordSet.FromXml(recordSet)));
        }
        return parsed;
    }
}
