namespace Failover.Api.Routing;

/// <summary>One route of the API: method, path template and the OpenAPI operation id that documents it.</summary>
public sealed record RouteDefinition(string Method, string Template, string OperationId)
{
    public RouteTemplate Path { get; } = new(Template);

    public override string ToString() => $"{Method} {Template}";
}
