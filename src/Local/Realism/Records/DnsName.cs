namespace Failover.Local.Realism.Records;

/// <summary>
/// DNS names as Route 53 compares them: case-insensitive, with or without the final dot, and with <c>\052</c> (how
/// Route 53 writes a leading <c>*</c> in responses) meaning <c>*</c>.
/// </summary>
public static class DnsName
{
    public static string Normalize(string name) =>
        name.Trim().Replace("\\052", "*", StringComparison.Ordinal).TrimEnd('.').ToLowerInvariant();

    /// <summary>The fully qualified spelling Route 53 uses in its messages.</summary>
    public static string Qualified(string normalized) => normalized + ".";

    public static bool IsWithin(string name, string zone) =>
        name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    /// <summary>A hosted zone id without the <c>/hostedzone/</c> prefix some responses carry.</summary>
    public static string ZoneId(string id) =>
        id.Trim().StartsWith("/hostedzone/", StringComparison.Ordinal) ? id.Trim()["/hostedzone/".Length..] : id.Trim();
}
