using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>
/// moto 5.2.1 refuses a ChangeResourceRecordSets request with more than 1,000 ResourceRecord elements, counting an
/// UPSERT's twice, as Route 53 does; but it counts the request it receives, and the layer's repairs (CREATE sent as
/// UPSERT by <see cref="MotoCreateRepair"/>) can double a batch
/// Route 53 takes whole: 1,000 one-value CREATEs reach moto as 1,000 UPSERTs, which moto counts as 2,000 and refuses
/// with "Number of records limit of 1000 exceeded". The layer checks Route 53's limits and rules on what the client
/// sent (<see cref="ChangeBatchRules"/>) and then sends moto a repaired batch that moto would count over its limit as
/// consecutive requests, each within it, in the batch's order and under the zone's gate.
/// </summary>
public static class MotoRequestPieces
{
    /// <summary>moto's count (ResourceRecord elements, an UPSERT's twice) above which it refuses a request.</summary>
    public const int MotoRecordLimit = 1_000;

    /// <summary>The request itself when moto takes it whole, otherwise its changes cut into requests moto takes.</summary>
    public static IReadOnlyList<XDocument> Split(XDocument request)
    {
        var ns = request.Root?.Name.Namespace ?? XNamespace.None;
        var changes = request.Root?.Element(ns + "ChangeBatch")?.Element(ns + "Changes")?.Elements(ns + "Change").ToList();
        if (changes is null || changes.Sum(change => Count(change, ns)) <= MotoRecordLimit) return [request];

        var pieces = new List<List<XElement>>();
        var current = new List<XElement>();
        var counted = 0;
        foreach (var change in changes)
        {
            var count = Count(change, ns);
            if (current.Count > 0 && counted + count > MotoRecordLimit)
            {
                pieces.Add(current);
                current = [];
                counted = 0;
            }
            current.Add(change);
            counted += count;
        }
        pieces.Add(current);
        return pieces.Select(piece =>
        {
            var document = new XDocument(request);
            var list = document.Root!.Element(ns + "ChangeBatch")!.Element(ns + "Changes")!;
            list.RemoveNodes();
            list.Add(piece.Select(change => new XElement(change)));
            return document;
        }).ToList();
    }

    private static int Count(XElement change, XNamespace ns)
    {
        var records = change.Element(ns + "ResourceRecordSet")?.Element(ns + "ResourceRecords")
            ?.Elements(ns + "ResourceRecord").Count() ?? 0;
        return change.Element(ns + "Action")?.Value.Trim() == "UPSERT" ? 2 * records : records;
    }
}
