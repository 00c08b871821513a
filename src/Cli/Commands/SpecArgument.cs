using System.CommandLine;

namespace Failover.Cli.Commands;

/// <summary>The SPEC argument every spec command takes: a JSON or YAML file, or <c>-</c> for stdin.</summary>
internal static class SpecArgument
{
    public static Argument<string> Create() => new("SPEC")
    {
        Description = "Tree spec file (JSON or YAML), or - to read stdin",
    };

    /// <summary>SPEC, or with <c>--api</c> the name of a stored tree (<see cref="NamesStoredTree"/>).</summary>
    public static Argument<string> SpecOrTree() => new("SPEC")
    {
        Description = "Tree spec file (JSON or YAML), or - to read stdin; with --api, a stored tree's name also works",
    };

    /// <summary>Through the API, an argument that is neither stdin nor a file names a stored tree.</summary>
    public static bool NamesStoredTree(string argument) => argument != "-" && !File.Exists(argument);
}
