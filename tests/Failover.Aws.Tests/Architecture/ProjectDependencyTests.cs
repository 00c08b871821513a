using System.Xml.Linq;

namespace Failover.Aws.Tests.Architecture;

/// <summary>
/// The projects are the architecture's layers: these rules keep their references honest. They read the project files
/// (what a layer may use) and the compiled assemblies (what it does use), so a stray <c>using</c> of the SDK fails
/// here rather than in review.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ProjectDependencyTests
{
    private static readonly string Root = FindRoot();

    // What each src project may reference directly. Anything not listed is refused.
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Failover.Core"] = [],
        ["Failover.Service"] = ["Failover.Core"],
        ["Failover.Store"] = ["Failover.Core", "Failover.Service"],
        ["Failover.Aws"] = ["Failover.Core", "Failover.Service"],
        ["Failover.Api"] = ["Failover.Core", "Failover.Service"],
        ["Failover.Composition"] = ["Failover.Core", "Failover.Service", "Failover.Store", "Failover.Aws", "Failover.Api"],
        ["Functions"] = ["Failover.Core", "Failover.Composition"],
        ["Cli"] = ["Failover.Core", "Failover.Composition"],
        ["Local.Moto"] = [],
        // The local stack's --apply runs `failover apply --api` in-process against its own API: the CLI's path, not a copy.
        ["Local"] = ["Failover.Core", "Failover.Composition", "Functions", "Local.Moto", "Cli"],
    };

    [Fact]
    public void Every_src_project_references_only_the_layers_below_it()
    {
        var projects = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(projects);
        var wrong = new List<string>();
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            Assert.True(Allowed.ContainsKey(name), $"{name} is a new project: say here what it may reference");
            wrong.AddRange(ProjectReferences(project).Where(r => !Allowed[name].Contains(r)).Select(r => $"{name} → {r}"));
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("Failover.Core")]
    [InlineData("Failover.Service")]
    [InlineData("Failover.Api")]
    public void The_domain_the_service_and_the_api_use_no_AWS_SDK(string project)
    {
        var file = Path.Combine(Root, "src", project, project + ".csproj");
        Assert.DoesNotContain(PackageReferences(file), p => p.StartsWith("AWSSDK", StringComparison.Ordinal));
        var assembly = System.Reflection.Assembly.Load(project);
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("AWSSDK", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_tests_and_benchmarks_reference_the_local_stack()
    {
        var referrers = LocalStackReferrers().Select(p => Path.GetRelativePath(Root, p).Split(Path.DirectorySeparatorChar)[0]).ToList();
        Assert.All(referrers, top => Assert.Contains(top, new[] { "tests", "bench" }));
    }

    // The local stack brings ASP.NET and every function with it. Tests, the suite and the benchmarks start it one way,
    // through tests/Failover.Testing.Stack; tests that need only moto take src/Local.Moto.
    private static readonly string[] StackUsers = ["Failover.Testing.Stack"];

    [Fact]
    public void Only_the_test_stack_builder_references_the_local_stack_and_the_adapter_tests_take_moto_alone()
    {
        var referrers = LocalStackReferrers().Select(Path.GetFileNameWithoutExtension).ToList();
        Assert.NotEmpty(referrers);
        Assert.All(referrers, name => Assert.Contains(name, StackUsers));
        Assert.Contains("Local.Moto", ProjectReferences(Path.Combine(Root, "tests", "Failover.Aws.Tests", "Failover.Aws.Tests.csproj")));
    }

    private static IEnumerable<string> LocalStackReferrers() =>
        Directory.GetFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => ProjectReferences(p).Contains("Local"));

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(project).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')));

    private static IEnumerable<string> PackageReferences(string project) =>
        XDocument.Load(project).Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Failover.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Failover.sln not found above " + AppContext.BaseDirectory);
    }
}
