namespace Failover.Core.Validation;

/// <summary>Domain name syntax as Route 53 takes it without escapes: labels of letters, digits, '-' and '_'.</summary>
internal static class DnsNameSyntax
{
    /// <summary>Most characters in a name without its trailing dot (255 octets on the wire).</summary>
    public const int MaxLength = 253;

    /// <summary>Null when <paramref name="name"/> is a valid name; otherwise what is wrong with it.</summary>
    public static string? Problem(string name, bool allowWildcard = false)
    {
        if (name.Length == 0) return "must not be empty";
        if (name.Length > MaxLength) return $"is {name.Length} characters long; a domain name has at most {MaxLength}";
        var labels = name.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Length == 0) return "has an empty label (two dots in a row, or a leading dot)";
            if (label.Length > 63) return $"has a label of {label.Length} characters; a label has at most 63";
            // Route 53 treats "*" as a wildcard only as the whole leftmost label.
            if (label == "*" && i == 0 && allowWildcard) continue;
            if (label.Contains('*')) return allowWildcard ? "may use '*' only as the whole leftmost label" : "must not contain '*'";
            foreach (var c in label)
                if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
                    return $"contains '{Printable(c)}'; use letters, digits, '-' and '_' (punycode for international names)";
        }
        return null;
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"\\u{(int)c:x4}" : c.ToString();
}
