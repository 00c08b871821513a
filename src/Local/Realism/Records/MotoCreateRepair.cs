using System.Xml.Linq;

namespace Failover.Local.Realism.Records;

/// <summary>
/// moto 5.2.1 refuses a CREATE that is identical to one it accepted before, even after that record set was deleted:
/// its duplicate check looks the change up in the zone's change journal and then finds any record set of that name
/// and type. Route 53 creates it again. Once the layer has checked that each created record set does not exist
/// (<see cref="RealismSettings.UniqueRecordSets"/>), a CREATE and an UPSERT do the same, so the batch goes to moto with
/// UPSERTs, which moto applies without consulting its journal.
/// </summary>
public static class MotoCreateRepair
{
    /// <summary>The request to send moto instead, or null when the batch creates nothing.</summary>
    public static XDocument? Repair(XDocument request)
    {
        var ns = request.Root?.Name.Namespace ?? XNamespace.None;
        var creates = request.Descendants(ns + "Action").Where(action => action.Value.Trim() == "CREATE").ToList();
        if (creates.Count == 0) return null;
        var repaired = new XDocument(request);
        foreach (var action in repaired.Descendants(ns + "Action").Where(action => action.Value.Trim() == "CREATE")) action.Value =
            "UPSERT";
        return repaired;
    }
}
