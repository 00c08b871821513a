using System.Globalization;

namespace Failover.Reliability.Suite;

/// <summary>The command's arguments: <c>[--smoke] [--seed N] [--only NAME[,NAME…]] [--list]</c>.</summary>
public sealed record SuiteOptions(Scale Scale, int Seed, IReadOnlyCollection<string> Only, bool List)
{
    public const int DefaultSeed = 1;

    /// <returns>The options, or null after writing what is wrong to <paramref name="error"/>.</returns>
    public static SuiteOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var scale = Scale.Full;
        var seed = DefaultSeed;
        var only = new HashSet<string>(StringComparer.Ordinal);
        var list = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--smoke":
                    scale = Scale.Smoke;
                    break;
                case "--list":
                    list = true;
                    break;
                case "--seed" when i + 1 < args.Count
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
                    seed = parsed;
                    i++;
                    break;
                case "--only" when i + 1 < args.Count:
                    foreach (var name in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (ReliabilitySuite.Scenarios.All(s => s.Name != name))
                        {
                            error.WriteLine($"error: --only: no scenario is called '{name}' (--list shows them)");
                            return null;
                        }
                        only.Add(name);
                    }
                    break;
                default:
                    error.WriteLine($"error: unknown or incomplete argument '{args[i]}'");
                    error.WriteLine("usage: Failover.Reliability [--smoke] [--seed N] [--only NAME[,NAME…]] [--list]");
                    return null;
            }
        }
        return new SuiteOptions(scale, seed, only, list);
    }
}
