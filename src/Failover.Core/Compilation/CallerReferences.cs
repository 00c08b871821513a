using System.Buffers;
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
        var hash = Hash(tree, nodeId, config, salt);
        var treePart = Truncate(tree, MaxTreePart);
        var nodePart = Truncate(nodeId, MaxLength - HashLength - 2 - treePart.Length);
        return $"{treePart}.{nodePart}.{hash}";
    }

    /// <summary>
    /// The <paramref name="attempt"/>-th reference to try after <paramref name="reference"/> was refused: the same
    /// <c>&lt;tree&gt;.&lt;node&gt;.</c> prefix and length, another hash. A fixed sequence, so a create retried after a crash
    /// walks it again and meets the check it made (same reference, same settings: Route 53 returns that check).
    /// </summary>
    public static string Again(string reference, int attempt)
    {
        var prefix = reference[..(reference.LastIndexOf('.') + 1)];
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{reference}\nattempt={attempt.ToString(CultureInfo.InvariantCulture)}\n"), digest);
        return prefix + Convert.ToHexStringLower(digest[..(HashLength / 2)]);
    }

    /// <summary>
    /// A CIDR collection's reference: <c>&lt;name&gt;.&lt;hash&gt;</c>, at most 64 characters (API reference,
    /// CreateCidrCollection.CallerReference). Salted as health checks are, so a collection deleted by one run can be made
    /// again by a later one.
    /// </summary>
    public static string ForCidrCollection(string name, string? salt)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"cidr-collection={name}\nsalt={salt ?? Absent}\n"), digest);
        var hash = Convert.ToHexStringLower(digest[..(HashLength / 2)]);
        return $"{Truncate(name, MaxLength - HashLength - 1)}.{hash}";
    }

    /// <summary>
    /// What every reference of <paramref name="tree"/> starts with: lets a reader pick the tree's checks out of the
    /// account's list before asking for their tags (trees sharing a long name prefix are told apart by the tags).
    /// </summary>
    public static string PrefixFor(string tree) => Truncate(tree, MaxTreePart) + ".";

    /// <summary>One line per field, in a fixed order, so equal configs always give the same text.</summary>
    internal static bool TryWriteCanonical(Span<char> destination, string tree, string nodeId, HealthCheckConfig config, string? salt,
        out int written)
    {
        if (!TryWriteEndpointFields(destination, tree, nodeId, config, salt, out written)) return false;
        // Only the other kinds add lines: the references of endpoint checks stay what they always were.
        if (config.IsEndpointCheck) return true;
        var ok = destination[written..].TryWrite(
            CultureInfo.InvariantCulture,
            $"children={string.Join(',', config.ChildHealthChecks.Order(StringComparer.Ordinal))}\n" +
            $"healthThreshold={(config.HealthThreshold is { } threshold ? threshold : -1)}\n" +
            $"alarm={(config.AlarmIdentifier is { } alarm ? alarm.Region + "/" + alarm.Name : Absent)}\n" +
            $"insufficientData={config.InsufficientDataHealthStatus ?? Absent}\n" +
            $"routingControl={config.RoutingControlArn ?? Absent}\n",
            out var more);
        written += more;
        return ok;
    }

    private static bool TryWriteEndpointFields(Span<char> destination, string tree, string nodeId, HealthCheckConfig config,
        string? salt, out int written) =>
        destination.TryWrite(
            CultureInfo.InvariantCulture,
            $"tree={tree}\nnode={nodeId}\nsalt={salt ?? Absent}\ntype={config.Type}\nip={config.IpAddress ?? Absent}\n" +
            $"port={(config.Port is { } port ? port : -1)}\npath={config.ResourcePath ?? Absent}\n" +
            $"fqdn={config.FullyQualifiedDomainName ?? Absent}\n" +
            $"search={config.SearchString ?? Absent}\ninterval={config.RequestInterval}\nthreshold={config.FailureThreshold}\n" +
            $"latency={(config.MeasureLatency ? 1 : 0)}\ninverted={(config.Inverted ? 1 : 0)}\n" +
            $"sni={(config.EnableSni is { } sni ? sni ? "1" : "0" : Absent)}\n" +
            $"regions={(config.Regions.Count == 0 ? "" : string.Join(',', config.Regions))}\n",
            out written);

    private const string Absent = "\u2205";

    /// <summary>The canonical text is hashed straight from a pooled buffer: a plan of thousands of checks makes no garbage here.</summary>
    private static string Hash(string tree, string nodeId, HealthCheckConfig config, string? salt)
    {
        var chars = ArrayPool<char>.Shared.Rent(512);
        byte[]? bytes = null;
        try
        {
            int written;
            while (!TryWriteCanonical(chars, tree, nodeId, config, salt, out written))
            {
                var bigger = chars.Length * 2;
                ArrayPool<char>.Shared.Return(chars);
                chars = ArrayPool<char>.Shared.Rent(bigger);
            }
            bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(written));
            var length = Encoding.UTF8.GetBytes(chars.AsSpan(0, written), bytes);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(bytes.AsSpan(0, length), digest);
            return Convert.ToHexStringLower(digest[..(HashLength / 2)]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..Math.Max(0, max)];
}
