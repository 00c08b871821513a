namespace Failover.Core.Validation;

/// <summary>
/// TXT and SPF values as Route 53 reads them: one or more quoted character-strings separated by spaces. Route 53
/// Developer Guide, "Supported DNS record types" (TXT record type): each string holds at most 255 characters; a longer
/// one is refused with InvalidChangeBatch "CharacterStringTooLong". Inside quotes, <c>\"</c> and <c>\\</c> are one character,
/// and <c>\ddd</c> (an octal code) is one byte.
/// </summary>
internal static class CharacterStrings
{
    public const int MaxLength = 255;

    /// <summary>The length in characters of each quoted string of <paramref name="value"/>, or null when it is not a sequence of quoted
    /// strings.</summary>
    public static IReadOnlyList<int>? Lengths(string value)
    {
        var lengths = new List<int>();
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == ' ') { i++; continue; }
            if (value[i] != '"') return null;
            i++;
            var length = 0;
            var closed = false;
            while (i < value.Length)
            {
                var c = value[i];
                if (c == '"') { closed = true; i++; break; }
                if (c == '\\' && i + 1 < value.Length)
                {
                    i += IsOctal(value, i + 1) ? 4 : 2;
                }
                else i++;
                length++;
            }
            if (!closed) return null;
            lengths.Add(length);
        }
        return lengths.Count == 0 ? null : lengths;
    }

    private static bool IsOctal(string value, int at) =>
        at + 2 < value.Length && char.IsAsciiDigit(value[at]) && char.IsAsciiDigit(value[at + 1]) && char.IsAsciiDigit(value[at + 2]);
}
