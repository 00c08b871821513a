namespace Failover.Core.Tests.Spec;

/// <summary>The shipped examples, copied next to the test assembly by the test project.</summary>
internal static class Examples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "examples");

    public static string Read(string name) => File.ReadAllText(Path.Combine(Folder, name));

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Folder).Where(f => f.EndsWith(".json") || f.EndsWith(".yaml")).Select(Path.GetFileName).Order()!;
}
