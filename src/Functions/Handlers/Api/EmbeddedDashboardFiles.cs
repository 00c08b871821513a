using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Failover.Api.Ports;
using Failover.Service.Ports;

namespace Failover.Functions.Handlers.Api;

/// <summary>
/// The web dashboard built into this binary: web/dist, embedded by Functions.csproj as resources named
/// <c>dashboard/&lt;path&gt;</c>. Read once, on the first request for a file.
/// </summary>
public sealed class EmbeddedDashboardFiles : IDashboardFiles
{
    public const string ResourcePrefix = "dashboard/";

    public static readonly EmbeddedDashboardFiles Instance = new(typeof(EmbeddedDashboardFiles).Assembly);

    private readonly Lazy<FrozenDictionary<string, DashboardFile>> _files;

    public EmbeddedDashboardFiles(Assembly assembly) =>
        _files = new(() => Load(assembly), LazyThreadSafetyMode.ExecutionAndPublication);

    public IReadOnlyCollection<string> Paths => _files.Value.Keys;

    public DashboardFile? Find(string path) => _files.Value.GetValueOrDefault(path);

    private static FrozenDictionary<string, DashboardFile> Load(Assembly assembly)
    {
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            // MSBuild's RecursiveDir uses the build machine's separator.
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            var content = bytes.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
            files[path] = new DashboardFile(path, MediaTypeOf(path), content, etag);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" or ".mjs" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
