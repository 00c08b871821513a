using System.Text.RegularExpressions;

namespace Failover.Core.Import;

/// <summary>JSON paths into a traffic policy document, e.g. <c>$.Rules.geo_dest.Locations[1].EndpointReference</c>.</summary>
internal static partial class PolicyPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        SimpleName().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    public static string Rule(string ruleId) => Property(Property(Root, "Rules"), ruleId);

    public static string Endpoint(string endpointId) => Property(Property(Root, "Endpoints"), endpointId);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*\\z")]
    private static partial Regex SimpleName();
}
