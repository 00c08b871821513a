namespace Failover.Local.Moto;

/// <summary>
/// The Python start-up module (Patches/sitecustomize.py, embedded) that fixes moto bugs the stack cannot work around
/// over HTTP. Written to a fresh directory that goes on moto_server's PYTHONPATH.
/// </summary>
public static class MotoPatches
{
    private const string ResourceName = "Failover.Local.Moto.sitecustomize.py";

    /// <summary>Writes the module into a new temporary directory and returns the directory.</summary>
    public static string WriteToTemporaryDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("failover-local-moto-").FullName;
        using var source = typeof(MotoPatches).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"resource {ResourceName} is missing from {typeof(MotoPatches).Assembly.GetName().Name}");
        using var target = File.Create(Path.Combine(directory, "sitecustomize.py"));
        source.CopyTo(target);
        return directory;
    }

    /// <summary>PYTHONPATH with <paramref name="directory"/> first, keeping whatever was there.</summary>
    public static string PythonPath(string directory, string? existing) =>
        string.IsNullOrEmpty(existing) ? directory : directory + Path.PathSeparator + existing;
}
