using System.Text.RegularExpressions;
using Failover.Functions.Hosting;
using Failover.Service.Logging;

namespace Failover.Functions.Tests;

[Trait("Category", "Unit")]
public sealed partial class FunctionCatalogTests
{
    /// <summary>A function whose Handler the binary does not serve fails every invocation with HandlerNotFound.</summary>
    [Fact]
    public void The_catalog_serves_every_Handler_the_SAM_template_names()
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), "template.yaml"));
        var handlers = HandlerLine().Matches(template).Select(m => m.Groups[1].Value).ToList();
        var catalog =
            FunctionCatalog.Build(new EnvironmentFunctionServices(_ => null), new HostingOptions { Log = new LogSink(Stream.Null) });

        Assert.Contains("Api", handlers);
        Assert.All(handlers, handler => Assert.Contains(handler, catalog.Names));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "template.yaml"))) return directory.FullName;
        throw new InvalidOperationException("template.yaml not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s+Handler:\s*([A-Za-z0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex HandlerLine();
}
