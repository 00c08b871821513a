namespace Failover.Service.Progress;

/// <summary>SNAKE_UPPER spellings of enum members (RolledBack → ROLLED_BACK, InProgress → IN_PROGRESS), computed once.</summary>
public static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToText = Enum.GetValues<TEnum>().ToDictionary(v => v, v => Snake(v.ToString()));
    private static readonly Dictionary<string, TEnum> FromText =
        ToText.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static string Upper(TEnum value) => ToText[value];

    public static bool TryParse(string text, out TEnum value) => FromText.TryGetValue(text, out value);

    private static string Snake(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) builder.Append('_');
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}
