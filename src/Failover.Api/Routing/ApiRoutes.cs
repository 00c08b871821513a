namespace Failover.Api.Routing;

/// <summary>
/// Every route the API serves, in one list: the service binds a handler to each, and a test holds docs/openapi.yaml to
/// exactly this list (every documented route is served and every served route is documented).
/// </summary>
public static class ApiRoutes
{
    public static readonly RouteDefinition CreateTree = new("POST", "/trees", "createTree");
    public static readonly RouteDefinition ListTrees = new("GET", "/trees", "listTrees");
    public static readonly RouteDefinition GetTree = new("GET", "/trees/{name}", "getTree");
    public static readonly RouteDefinition DeleteTree = new("DELETE", "/trees/{name}", "deleteTree");
    public static readonly RouteDefinition ListVersions = new("GET", "/trees/{name}/versions", "listVersions");
    public static readonly RouteDefinition GetPlan = new("GET", "/trees/{name}/plan", "getPlan");
    public static readonly RouteDefinition GetDiagram = new("GET", "/trees/{name}/diagram", "getDiagram");
    public static readonly RouteDefinition Simulate = new("POST", "/trees/{name}/simulate", "simulate");
    public static readonly RouteDefinition Rollback = new("POST", "/trees/{name}/rollback", "rollback");
    public static readonly RouteDefinition GetDrift = new("GET", "/trees/{name}/drift", "getDrift");
    public static readonly RouteDefinition CheckDrift = new("POST", "/trees/{name}/drift-check", "checkDrift");
    public static readonly RouteDefinition GetHealth = new("GET", "/trees/{name}/health", "getHealth");
    public static readonly RouteDefinition ListRuns = new("GET", "/trees/{name}/runs", "listRuns");
    public static readonly RouteDefinition ListEvents = new("GET", "/trees/{name}/events", "listEvents");
    public static readonly RouteDefinition GetRun = new("GET", "/runs/{id}", "getRun");
    public static readonly RouteDefinition GetVersion = new("GET", "/trees/{name}/versions/{version}", "getVersion");
    public static readonly RouteDefinition ImportTrafficPolicy = new("POST", "/imports/traffic-policy", "importTrafficPolicy");
    public static readonly RouteDefinition Adopt = new("POST", "/adoptions", "adopt");
    public static readonly RouteDefinition Dashboard = new("GET", "/", "getDashboard");
    public static readonly RouteDefinition DashboardAsset = new("GET", "/assets/{file}", "getDashboardAsset");

    public static IReadOnlyList<RouteDefinition> All { get; } =
    [
        CreateTree, ListTrees, GetTree, DeleteTree, ListVersions, GetPlan, GetDiagram, Simulate, Rollback, GetDrift, CheckDrift,
            GetHealth, ListRuns, ListEvents, GetRun,
        GetVersion, ImportTrafficPolicy, Adopt, Dashboard, DashboardAsset,
    ];
}
