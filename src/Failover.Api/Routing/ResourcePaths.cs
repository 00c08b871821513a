namespace Failover.Api.Routing;

public static class ResourcePaths
{
    /// <summary>The path of a resource, with its parameters escaped, for Location headers and links.</summary>
    public static string PathOf(RouteDefinition route, string value) =>
        route.Template[..route.Template.IndexOf('{')] + Uri.EscapeDataString(value) + route.Template[(route.Template.IndexOf('}') + 1)..];
}
