namespace Failover.Core.Spec;

/// <summary>How names are kept inside the core: lower case, no trailing dot (Route 53 treats both spellings alike).</summary>
public static class DnsNames
{
    public static string Normalize(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower.Length > 1 && lower.EndsWith('.') ? lower[..^1] : lower;
    }
}
