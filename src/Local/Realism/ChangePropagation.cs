using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;

namespace Failover.Local.Realism;

/// <summary>
/// Route 53's change lifecycle, which moto skips: every change gets its own id (moto reuses one fixed id for every
/// batch) and answers PENDING until it has been submitted for the configured time, then INSYNC. Submission times
/// come from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class ChangePropagation(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _submitted = new(StringComparer.Ordinal);

    /// <summary>
    /// Gives the ChangeInfo of a mutating response (ChangeResourceRecordSets, CreateHostedZone, DeleteHostedZone) a
    /// fresh id and the status a change has when just submitted; returns false when the document has no ChangeInfo.
    /// </summary>
    public bool Rewrite(XDocument response, TimeSpan pendingFor)
    {
        var ns = response.Root?.Name.Namespace ?? XNamespace.None;
        var info = response.Root?.Element(ns + "ChangeInfo");
        if (info is null) return false;
        var id = NewId();
        var submittedAt = time.GetUtcNow();
        _submitted[id] = submittedAt;
        info.SetElementValue(ns + "Id", "/change/" + id);
        info.SetElementValue(ns + "Status", StatusAt(submittedAt, pendingFor));
        info.SetElementValue(ns + "SubmittedAt", Format(submittedAt));
        return true;
    }

    /// <summary>The GetChange answer for a change this layer issued, or null when the id is not one of them.</summary>
    public (XDocument Response, string Status)? Describe(string changeId, TimeSpan pendingFor)
    {
        var id = changeId.StartsWith("/change/", StringComparison.Ordinal) ? changeId["/change/".Length..] : changeId;
        if (!_submitted.TryGetValue(id, out var submittedAt)) return null;
        var status = StatusAt(submittedAt, pendingFor);
        var ns = Route53ErrorResponse.Namespace;
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement(ns + "GetChangeResponse",
                new XElement(ns + "ChangeInfo",
                    new XElement(ns + "Id", "/change/" + id),
                    new XElement(ns + "Status", status),
                    new XElement(ns + "SubmittedAt", Format(submittedAt)))));
        return (document, status);
    }

    private string StatusAt(DateTimeOffset submittedAt, TimeSpan pendingFor) =>
        time.GetUtcNow() - submittedAt >= pendingFor ? "INSYNC" : "PENDING";

    // Route 53 change ids: "C" and upper-case letters and digits.
    private static string NewId() => "C" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
