namespace Failover.Api.Ports;

/// <summary>One file of the web dashboard: its media type, its bytes and a strong validator (for If-None-Match).</summary>
public sealed record DashboardFile(string Path, string ContentType, ReadOnlyMemory<byte> Content, string ETag);

/// <summary>
/// The built web dashboard (web/dist) the API serves at <c>GET /</c> and <c>GET /assets/{file}</c>. The deployed
/// binary serves the copy embedded in it; a service without one answers those routes 404.
/// </summary>
public interface IDashboardFiles
{
    /// <summary>The file at <paramref name="path"/> (<c>index.html</c>, <c>assets/index-3f2a.js</c>), or null.</summary>
    DashboardFile? Find(string path);
}

/// <summary>No dashboard: every lookup misses.</summary>
public sealed class NoDashboardFiles : IDashboardFiles
{
    public static readonly NoDashboardFiles Instance = new();

    public DashboardFile? Find(string path) => null;
}
