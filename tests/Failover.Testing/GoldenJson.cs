using System.Text.Json;
using System.Text.Json.Nodes;

namespace Failover.Testing;

/// <summary>
/// Golden files: a wire document as the code wrote it when the file was made, kept beside the test that reads it
/// (<c>Golden/NAME.json</c> in the test project's folder). A missing file fails the test unless
/// <c>FAILOVER_WRITE_GOLDEN=1</c> is set, which writes it from the current output (done once, before a change).
/// </summary>
public static class GoldenJson
{
    /// <summary>The output must be the golden file byte for byte (line endings aside).</summary>
    public static void AssertExact(string folder, string name, string actual)
    {
        var expected = Expected(folder, name, actual);
        if (expected.ReplaceLineEndings("\n") != actual.ReplaceLineEndings("\n"))
            throw new GoldenMismatchException(
                $"{name}: the output is not the golden file byte for byte\n--- golden\n{expected}\n--- actual\n{actual}");
    }

    /// <summary>The output must mean what the golden file means: the same members and values, in any member order.</summary>
    public static void AssertEquivalent(string folder, string name, string actual)
    {
        var expected = Canonical(Expected(folder, name, actual));
        var canonical = Canonical(actual);
        if (expected != canonical)
            throw new GoldenMismatchException(
                $"{name}: the output differs from the golden file\n--- golden\n{expected}\n--- actual\n{canonical}");
    }

    /// <summary>The golden document itself, e.g. to read it back as a stored document.</summary>
    public static string Read(string folder, string name) => File.ReadAllText(PathOf(folder, name));

    /// <summary>Objects with their members sorted by name, indented: two documents that mean the same have one form.</summary>
    public static string Canonical(string json) =>
        Sorted(JsonNode.Parse(json))?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(
            o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string Expected(string folder, string name, string actual)
    {
        var path = PathOf(folder, name);
        if (File.Exists(path)) return File.ReadAllText(path);
        if (Environment.GetEnvironmentVariable("FAILOVER_WRITE_GOLDEN") != "1")
            throw new GoldenMismatchException($"{path} does not exist; FAILOVER_WRITE_GOLDEN=1 writes it from the current output");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, actual);
        return actual;
    }

    /// <summary>
    /// <paramref name="folder"/> is relative to the repository root, e.g. <c>tests/Failover.Core.Tests/Contracts/Golden</c>.
    /// </summary>
    private static string PathOf(string folder, string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Failover.sln")))
                return Path.Combine(directory.FullName, folder, name + ".json");
        throw new InvalidOperationException("Failover.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed class GoldenMismatchException(string message) : Exception(message);
