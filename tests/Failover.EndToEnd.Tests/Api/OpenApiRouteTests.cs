using System.Text.RegularExpressions;
using Failover.Api.Routing;
using YamlDotNet.RepresentationModel;

namespace Failover.EndToEnd.Tests.Api;

/// <summary>
/// docs/openapi.yaml, the routes the service binds, and the routes the SAM template gives API Gateway are one list:
/// every documented route is served on the local stack's API (and answers a status the document lists), and every
/// served route is documented and deployed.
/// </summary>
[Collection(ApiStackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed partial class OpenApiRouteTests(ApiStackFixture stack)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    private sealed record DocumentedRoute(string Method, string Path, string OperationId, IReadOnlySet<string> Statuses);

    [Fact]
    public void The_document_lists_exactly_the_routes_the_service_binds()
    {
        var documented = Documented().Select(r => $"{r.Method} {r.Path} {r.OperationId}").Order();
        var served = ApiRoutes.All.Select(r => $"{r.Method} {r.Template} {r.OperationId}").Order();

        Assert.Equal(served, documented);
    }

    [Fact]
    public void The_template_gives_API_Gateway_exactly_the_served_routes()
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), "template.yaml"));
        var deployed = HttpApiEvent().Matches(template).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").Order();

        Assert.Equal(ApiRoutes.All.Select(r => $"{r.Method} {r.Template}").Order(), deployed);
    }

    [Fact]
    public async Task Every_documented_route_is_served_with_a_status_the_document_lists()
    {
        foreach (var route in Documented())
        {
            var path = route.Path.Replace("{name}", "openapi-probe").Replace("{id}", "20260101T000000000Z-0123456789ab");
            var body = route.Method == "POST" ? route.OperationId == "rollback" ? """{"version": 1}""" : "{}" : null;

            var answer = await stack.Api.SendAsync(new HttpMethod(route.Method), path, body);

            if (answer.ContentType == "application/problem+json")
                Assert.DoesNotContain(answer.Problem, new[] { "route-not-found", "method-not-allowed" });
            Assert.True(
                route.Statuses.Contains(((int)answer.Status)
                .ToString()), $"{route.Method} {path} answered {answer.Status}, which {route.OperationId} does not document");
        }
    }

    private static List<DocumentedRoute> Documented()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "docs", "openapi.yaml"))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var routes = new List<DocumentedRoute>();
        foreach (var (path, item) in (YamlMappingNode)root["paths"])
            foreach (var (method, operation) in (YamlMappingNode)item)
            {
                var name = ((YamlScalarNode)method).Value!;
                if (!Methods.Contains(name)) continue;
                var fields = (YamlMappingNode)operation;
                var statuses = ((YamlMappingNode)fields["responses"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
                routes.Add(
                    new DocumentedRoute(name.ToUpperInvariant(), ((YamlScalarNode)path).Value!,
                    ((YamlScalarNode)fields["operationId"]).Value!, statuses));
            }
        return routes;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "docs", "openapi.yaml"))) return directory.FullName;
        throw new InvalidOperationException("docs/openapi.yaml not found above " + AppContext.BaseDirectory);
    }

    // SAM's HttpApi events: { Type: HttpApi, Properties: { ApiId: !Ref HttpApi, Method: POST, Path: "/trees" } }
    [GeneratedRegex(@"Type: HttpApi, Properties: \{[^}]*Method: ([A-Z]+), Path: ""([^""]+)""")]
    private static partial Regex HttpApiEvent();
}
