namespace Failover.Bench;

/// <summary>
/// The configuration this bench was compiled in. CI's smoke run is a Debug build on what `dotnet test` just built (a
/// Release build of everything costs it about two minutes); figures worth a report need Release.
/// </summary>
internal static class BuildConfiguration
{
#if DEBUG
    public const string Name = "Debug";
#else
    public const string Name = "Release";
#endif

    public static bool Optimized => Name == "Release";
}
