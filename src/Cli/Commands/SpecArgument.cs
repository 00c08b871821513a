using System.CommandLine;

namespace Failover.Cli.Commands;

/// <summary>The SPEC argument every spec command takes: a JSON or YAML file, or <c>-</c> for stdin.</summary>
internal static class SpecArgument
{
    public static Argument<string> Create() => new("SPEC")
    {
        Description = "Tree spec file (JSON or YAML), or - to read stdin",
    };
}
