using System.Globalization;
using System.Xml.Linq;

namespace Failover.Local.Realism;

/// <summary>
/// ListHealthChecks a page at a time, as Route 53 answers it: <c>maxitems</c> checks (100 when not given, never more
/// than 1,000) starting at the check whose id is <c>marker</c>, with <c>NextMarker</c> naming the first check of the
/// next page. moto returns every check at once whatever the request says, which would make an account of a thousand
/// checks look one request cheap to read.
/// </summary>
public static class HealthCheckPages
{
    public const int DefaultMaxItems = 100;
    public const int MostMaxItems = 1_000;

    /// <summary>The page, or the InvalidInput message when the marker or maxitems is wrong.</summary>
    public static (XDocument? Page, string? Error) Page(IReadOnlyList<XElement> checks, string? marker, string? maxItems)
    {
        var size = DefaultMaxItems;
        if (maxItems is not null)
        {
            if (!int.TryParse(maxItems, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1)
                return (null, $"maxitems must be a positive integer (got '{maxItems}')");
            size = Math.Min(size, MostMaxItems);
        }
        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            start = IndexOf(checks, marker);
            if (start < 0) return (null, $"marker '{marker}' is not the id of a health check");
        }

        var ns = Route53ErrorResponse.Namespace;
        var page = checks.Skip(start).Take(size).Select(check => new XElement(ns + "HealthCheck", Renamed(check.Elements(), ns)));
        var truncated = start + size < checks.Count;
        var root = new XElement(ns + "ListHealthChecksResponse",
            new XElement(ns + "HealthChecks", page),
            new XElement(ns + "Marker", marker ?? ""),
            new XElement(ns + "IsTruncated", truncated ? "true" : "false"));
        if (truncated) root.Add(new XElement(ns + "NextMarker", Id(checks[start + size])));
        root.Add(new XElement(ns + "MaxItems", size.ToString(CultureInfo.InvariantCulture)));
        return (new XDocument(new XDeclaration("1.0", "UTF-8", null), root), null);
    }

    private static int IndexOf(IReadOnlyList<XElement> checks, string id)
    {
        for (var i = 0; i < checks.Count; i++)
            if (Id(checks[i]) == id) return i;
        return -1;
    }

    private static string? Id(XElement check) => check.Element(check.Name.Namespace + "Id")?.Value;

    // moto's elements may carry its namespace or none; the page is written in Route 53's.
    private static IEnumerable<XElement> Renamed(IEnumerable<XElement> elements, XNamespace ns) =>
        elements.Select(e => new XElement(ns + e.Name.LocalName, e.Attributes(), e.HasElements ? Renamed(e.Elements(), ns) : e.Value));
}
