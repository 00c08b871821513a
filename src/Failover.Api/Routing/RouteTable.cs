namespace Failover.Api.Routing;

/// <summary>The outcome of routing a request: a handler with its path parameters, no route at all, or the wrong method.</summary>
public abstract record RouteResult<THandler>
{
    private RouteResult()
    {
    }

    public sealed record Found(RouteDefinition Route, THandler Handler,
        IReadOnlyDictionary<string, string> Parameters) : RouteResult<THandler>;

    public sealed record NotFound : RouteResult<THandler>;

    /// <summary>The path exists with other methods (the Allow header lists them).</summary>
    public sealed record WrongMethod(IReadOnlyList<string> Allowed) : RouteResult<THandler>;
}

/// <summary>Routes bound to handlers; <see cref="Match"/> picks the one for a method and path.</summary>
public sealed class RouteTable<THandler>
{
    private readonly List<(RouteDefinition Route, THandler Handler)> _routes = [];

    public RouteTable<THandler> Add(RouteDefinition route, THandler handler)
    {
        if (_routes.Any(r => r.Route.Method == route.Method && r.Route.Template == route.Template))
            throw new ArgumentException($"route {route} is bound twice", nameof(route));
        _routes.Add((route, handler));
        return this;
    }

    public IReadOnlyList<RouteDefinition> Routes => _routes.Select(r => r.Route).ToList();

    public RouteResult<THandler> Match(string method, string rawPath)
    {
        List<string>? allowed = null;
        foreach (var (route, handler) in _routes)
        {
            if (route.Path.Match(rawPath) is not { } parameters) continue;
            if (route.Method == method) return new RouteResult<THandler>.Found(route, handler, parameters);
            (allowed ??= []).Add(route.Method);
        }
        return allowed is null
            ? new RouteResult<THandler>.NotFound()
            : new RouteResult<THandler>.WrongMethod(allowed.Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
