using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Cli.Workflow;

/// <summary>Statuses as the progress table spells them (IN_PROGRESS, ROLLED_BACK), for text and JSON output.</summary>
internal static class StatusText
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) builder.Append('_');
            builder.Append(char.ToUpperInvariant(name[i]));
        }
        return builder.ToString();
    }
}
