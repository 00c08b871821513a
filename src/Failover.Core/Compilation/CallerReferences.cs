using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Failover.Core.Route53;

namespace Failover.Core.Compilation;

/// <summary>
/// Health check CallerReferences: <c>&lt;tree&gt;.&lt;node&gt;.&lt;hash&gt;</c>, at most 64 characters (Route 53's limit).
/// The hash covers the tree, the node, the whole config and an optional salt, so a retried create sends the same
/// reference (Route 53 then returns the existing check) while a changed config gets a new one (Route 53 answers
/// HealthCheckAlreadyExists to a known reference with other settings, and cannot change RequestInterval,
/// MeasureLatency or string matching in place).
/// </summary>
public static class CallerReferences
{
    public const int MaxLength = 64;
    private const int HashLength = 16;
    private const int MaxTreePart = 20;

    /// <param name="salt">
    /// Route 53 refuses a reference that belonged to a deleted check (for some days), so re-creating a deleted config
    /// (a rollback after cleanup) needs a salt, e.g. the run id; null for the plain reference.
    /// </param>
    public static string For(string tree, string nodeId, HealthCheckConfig config, string? salt = null)
    {
        var hash = Hash(Canonical(tree, nodeId, config, salt));
        var treePart = Truncate(tree, MaxTreePart);
        var nodePart = Truncate(nodeId, MaxLength - HashLength - 2 - treePart.Length);
        return $"{treePart}.{nodePart}.{hash}";
    }

    /// <summary>
    /// What every reference of <paramref name="tree"/> starts with: lets a reader pick the tree's checks out of the
    /// account's list before asking for their tags (trees sharing a long name prefix are told apart by the tags).
    /// </summary>
    public static string PrefixFor(string tree) => Truncate(tree, MaxTreePart) + ".";

    /// <summary>One line per field, in a fixed order, so equal configs always give the same text.</summary>
    internal static string Canonical(string tree, string nodeId, HealthCheckConfig config, string? salt)
    {
        var text = new StringBuilder(256);
        void Line(string key, string? value) => text.Append(key).Append('=').Append(value ?? "\u2205").Append('\n');
        Line("tree", tree);
        Line("node", nodeId);
        Line("salt", salt);
        Line("type", config.Type);
        Line("ip", config.IpAddress);
        Line("port", config.Port?.ToString(CultureInfo.InvariantCulture));
        Line("path", config.ResourcePath);
        Line("fqdn", config.FullyQualifiedDomainName);
        Line("search", config.SearchString);
        Line("interval", config.RequestInterval.ToString(CultureInfo.InvariantCulture));
        Line("threshold", config.FailureThreshold.ToString(CultureInfo.InvariantCulture));
        Line("latency", config.MeasureLatency ? "1" : "0");
        Line("inverted", config.Inverted ? "1" : "0");
        Line("sni", config.EnableSni is null ? null : config.EnableSni.Value ? "1" : "0");
        Line("regions", string.Join(',', config.Regions));
        return text.ToString();
    }

    private static string Hash(string canonical)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), digest);
        return Convert.ToHexStringLower(digest[..(HashLength / 2)]);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max)];
}
