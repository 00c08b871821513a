using System.Net;
using System.Text;
using Failover.Api.Ports;
using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Api.OpenApi;

/// <summary>One request to the in-memory API, on a harness set up for the answer it should draw out.</summary>
internal sealed record ResponseProbe(string Name, Func<ApiHarness> Harness, string Method, string Path, string? Body = null)
{
    public string? ContentType { get; init; } = "application/json";
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>False: without the X-Failover-Client header, as a page on another site could send it.</summary>
    public bool AsClient { get; init; } = true;

    public Task<Failover.Api.Http.ApiResponse> SendAsync() => Harness().SendAsync(Method, Path, Body, ContentType, Headers, AsClient);

    public override string ToString() => Name;
}

/// <summary>
/// Requests that draw every answer the API documents out of it: each route's successes, each of its problems, and its
/// failures (the table or Route 53 failing underneath).
/// </summary>
internal static class ResponseProbes
{
    private const string AwayZone = ApiHarness.OtherZone;
    private static readonly string TooLargeSpec = "{\"name\": \"" + new string('x', 300 * 1024) + "\"}";
    private static readonly string TooLargeRequest = "{\"unhealthy\": [\"" + new string('x', 20 * 1024) + "\"]}";

    // Declared before the probes: static fields start in the order they are written.
    private static readonly DashboardFile Index = File("index.html", "text/html; charset=utf-8", "<!doctype html><title>failover</title>");
    private static readonly DashboardFile Script = File("assets/index-AbC123.js", "text/javascript; charset=utf-8", "console.log(1)");
    private static readonly DashboardFile Style = File("assets/index-AbC123.css", "text/css; charset=utf-8", "body{margin:0}");

    public static IReadOnlyList<ResponseProbe> All { get; } =
    [
        // POST /trees
        new("create dry run", Populated, "POST", "/trees?dryRun=true", Specs.Failover()),
        new("create", Populated, "POST", "/trees", Specs.Failover("newer")),
        new("create YAML", Populated, "POST", "/trees", Specs.FailoverYaml("yaml")) { ContentType = "application/yaml" },
        new("create malformed", Populated, "POST", "/trees", "{\"name\":"),
        new("create invalid spec", Populated, "POST", "/trees", """{"name": "x", "root": {}}"""),
        new("create bad dryRun", Populated, "POST", "/trees?dryRun=maybe", Specs.Failover()),
        new("create other zone", Populated, "POST", "/trees", Specs.Failover("away", AwayZone)),
        new("create while running", () => Refusing(LaunchRefusal.TreeLocked), "POST", "/trees", Specs.Failover()),
        new("create name claimed", () => Refusing(LaunchRefusal.NameClaimed), "POST", "/trees", Specs.Failover()),
        new("create too large", Populated, "POST", "/trees", TooLargeSpec),
        new("create as CSV", Populated, "POST", "/trees", Specs.Failover()) { ContentType = "text/csv" },
        new("create from a stale version", Populated, "POST", "/trees?baseVersion=0", Specs.Failover()),
        new("create dry run from the latest version", Populated, "POST", "/trees?dryRun=true&baseVersion=1", Specs.Failover()),
        new("create, zone fails", ZoneFailing, "POST", "/trees?dryRun=true", Specs.Failover()),
        new("create, Route 53 throttles", ZoneThrottling, "POST", "/trees?dryRun=true", Specs.Failover()),
        new("create, Route 53 refuses", ZoneRefusing, "POST", "/trees?dryRun=true", Specs.Failover()),

        // GET /trees
        new("list", Populated, "GET", "/trees"),
        new("list page", Populated, "GET", "/trees?limit=1"),
        new("list bad limit", Populated, "GET", "/trees?limit=0"),
        new("list, table fails", StoreFailing, "GET", "/trees"),

        // GET /trees/{name}
        new("get tree", Populated, "GET", "/trees/status"),
        new("get tree never applied", Populated, "GET", "/trees/fresh"),
        new("get tree bad name", Populated, "GET", "/trees/-bad"),
        new("get tree missing", Populated, "GET", "/trees/nope"),
        new("get tree, table fails", StoreFailing, "GET", "/trees/status"),

        // DELETE /trees/{name}
        new("delete", Populated, "DELETE", "/trees/status"),
        new("delete bad name", Populated, "DELETE", "/trees/-bad"),
        new("delete other zone", Populated, "DELETE", "/trees/away"),
        new("delete missing", Populated, "DELETE", "/trees/nope"),
        new("delete deleted", Populated, "DELETE", "/trees/gone"),
        new("delete while running", () => Refusing(LaunchRefusal.TreeLocked), "DELETE", "/trees/status"),
        new("delete, table fails", StoreFailing, "DELETE", "/trees/status"),
        new("delete cross-site", Populated, "DELETE", "/trees/status") { ContentType = null, AsClient = false },

        // GET /trees/{name}/versions
        new("versions", Populated, "GET", "/trees/status/versions"),
        new("versions bad name", Populated, "GET", "/trees/-bad/versions"),
        new("versions missing", Populated, "GET", "/trees/nope/versions"),
        new("versions, table fails", StoreFailing, "GET", "/trees/status/versions"),

        // GET /trees/{name}/runs
        new("runs", Populated, "GET", "/trees/status/runs"),
        new("runs page", Populated, "GET", "/trees/status/runs?limit=1"),
        new("runs bad page token", Populated, "GET", "/trees/status/runs?pageToken=nonsense"),
        new("runs bad name", Populated, "GET", "/trees/-bad/runs"),
        new("runs missing", Populated, "GET", "/trees/nope/runs"),
        new("runs, table fails", StoreFailing, "GET", "/trees/status/runs"),

        // GET /trees/{name}/events
        new("events", Populated, "GET", "/trees/status/events"),
        new("events limited", Populated, "GET", "/trees/status/events?limit=1"),
        new("events bad limit", Populated, "GET", "/trees/status/events?limit=0"),
        new("events bad name", Populated, "GET", "/trees/-bad/events"),
        new("events missing", Populated, "GET", "/trees/nope/events"),
        new("events, table fails", StoreFailing, "GET", "/trees/status/events"),

        // GET /trees/{name}/versions/{version}
        new("version", Populated, "GET", "/trees/status/versions/1"),
        new("version not a number", Populated, "GET", "/trees/status/versions/one"),
        new("version missing", Populated, "GET", "/trees/status/versions/9"),
        new("version, table fails", StoreFailing, "GET", "/trees/status/versions/1"),

        // GET /trees/{name}/plan
        new("plan", Populated, "GET", "/trees/status/plan"),
        new("plan of a version", Populated, "GET", "/trees/status/plan?version=1"),
        new("plan bad version", Populated, "GET", "/trees/status/plan?version=0"),
        new("plan other zone", Populated, "GET", "/trees/away/plan"),
        new("plan missing version", Populated, "GET", "/trees/status/plan?version=9"),
        new("plan, zone fails", ZoneFailing, "GET", "/trees/status/plan"),
        new("plan, Route 53 throttles", ZoneThrottling, "GET", "/trees/status/plan"),
        new("plan, Route 53 refuses", ZoneRefusing, "GET", "/trees/status/plan"),

        // GET /trees/{name}/diagram
        new("diagram mermaid", Populated, "GET", "/trees/status/diagram"),
        new("diagram dot", Populated, "GET", "/trees/status/diagram?format=dot"),
        new("diagram json", Populated, "GET", "/trees/status/diagram?format=json"),
        new("diagram json never applied", Populated, "GET", "/trees/fresh/diagram?format=json"),
        new("diagram bad format", Populated, "GET", "/trees/status/diagram?format=svg"),
        new("diagram missing", Populated, "GET", "/trees/nope/diagram"),
        new("diagram, table fails", StoreFailing, "GET", "/trees/status/diagram"),

        // POST /trees/{name}/simulate
        new("simulate", Populated, "POST", "/trees/status/simulate", """{"unhealthy": ["main"], "region": null}"""),
        new("simulate without a body", Populated, "POST", "/trees/status/simulate") { ContentType = null },
        new("simulate bad body", Populated, "POST", "/trees/status/simulate", """{"unhealthy": "main", "extra": 1}"""),
        new("simulate missing", Populated, "POST", "/trees/nope/simulate", "{}"),
        new("simulate too large", Populated, "POST", "/trees/status/simulate", TooLargeSpec),
        new("simulate a draft", Populated, "POST", "/trees/status/simulate", Draft(Specs.Failover())),
        new("simulate an invalid draft", Populated, "POST", "/trees/status/simulate", Draft("""{"name": "status", "root": {}}""")),
        new("simulate as text", Populated, "POST", "/trees/status/simulate", "{}") { ContentType = "text/plain" },
        new("simulate, table fails", StoreFailing, "POST", "/trees/status/simulate", "{}"),

        // POST /trees/{name}/rollback
        new("rollback", Populated, "POST", "/trees/status/rollback", """{"version": 1}"""),
        new("rollback bad body", Populated, "POST", "/trees/status/rollback", """{"version": 0, "why": "x"}"""),
        new("rollback other zone", Populated, "POST", "/trees/away/rollback", """{"version": 1}"""),
        new("rollback missing version", Populated, "POST", "/trees/status/rollback", """{"version": 9}"""),
        new("rollback while running", () => Refusing(LaunchRefusal.TreeLocked), "POST", "/trees/status/rollback",
            """{"version": 1}"""),
        new("rollback too large", Populated, "POST", "/trees/status/rollback", TooLargeRequest),
        new("rollback as text", Populated, "POST", "/trees/status/rollback", """{"version": 1}""") { ContentType = "text/plain" },
        new("rollback, table fails", StoreFailing, "POST", "/trees/status/rollback", """{"version": 1}"""),

        // GET /trees/{name}/drift
        new("drift", Populated, "GET", "/trees/status/drift"),
        new("drift bad name", Populated, "GET", "/trees/-bad/drift"),
        new("drift never checked", Populated, "GET", "/trees/fresh/drift"),
        new("drift, table fails", StoreFailing, "GET", "/trees/status/drift"),

        // POST /trees/{name}/drift-check
        new("drift check", Populated, "POST", "/trees/status/drift-check"),
        new("drift check bad name", Populated, "POST", "/trees/-bad/drift-check"),
        new("drift check other zone", Populated, "POST", "/trees/away/drift-check"),
        new("drift check missing", Populated, "POST", "/trees/nope/drift-check"),
        new("drift check never applied", Populated, "POST", "/trees/fresh/drift-check"),
        new("drift check without a checker", WithoutDrift, "POST", "/trees/status/drift-check"),
        new("drift check, table fails", StoreFailing, "POST", "/trees/status/drift-check"),
        new("drift check cross-site", Populated, "POST", "/trees/status/drift-check") { ContentType = null, AsClient = false },

        // GET /trees/{name}/health
        new("health", WithHealth, "GET", "/trees/status/health"),
        new("health bad name", WithHealth, "GET", "/trees/-bad/health"),
        new("health other zone", WithHealth, "GET", "/trees/away/health"),
        new("health missing", WithHealth, "GET", "/trees/nope/health"),
        new("health never applied", WithHealth, "GET", "/trees/fresh/health"),
        new("health, table fails", StoreFailing, "GET", "/trees/status/health"),

        // POST /imports/traffic-policy
        new("import", Populated, "POST", ImportPath, TrafficPolicy),
        new("import invalid", Populated, "POST", ImportPath, """{"AWSPolicyFormatVersion": "2015-10-01"}"""),
        new("import without parameters", Populated, "POST", "/imports/traffic-policy", TrafficPolicy),
        new("import too large", Populated, "POST", ImportPath, TooLargeSpec),
        new("import as text", Populated, "POST", ImportPath, TrafficPolicy) { ContentType = "text/plain" },

        // POST /adoptions
        new("adopt dry run", AdoptionRouteTests.Harness, "POST", "/adoptions", AdoptionRouteTests.Body()),
        new("adopt", AdoptionRouteTests.Harness, "POST", "/adoptions?dryRun=false", AdoptionRouteTests.Body()),
        new("adopt not adoptable", AdoptionRouteTests.Harness, "POST", "/adoptions", AdoptionRouteTests.Body("away.example.com")),
        new("adopt without a zone", AdoptionRouteTests.Harness, "POST", "/adoptions", """{"recordName": "www.example.com"}"""),
        new("adopt other zone", AdoptionRouteTests.Harness, "POST", "/adoptions", AdoptionRouteTests.Body(zone: AwayZone)),
        new("adopt a claimed name", ClaimedAdoption, "POST", "/adoptions", AdoptionRouteTests.Body()),
        new("adopt too large", AdoptionRouteTests.Harness, "POST", "/adoptions", TooLargeSpec),
        new("adopt as text", AdoptionRouteTests.Harness, "POST", "/adoptions", AdoptionRouteTests.Body()) { ContentType = "text/plain" },
        new("adopt unavailable", Populated, "POST", "/adoptions", AdoptionRouteTests.Body()),
        new("adopt, Route 53 fails", FailingAdoption, "POST", "/adoptions", AdoptionRouteTests.Body()),

        // GET /runs/{id}
        new("run", Populated, "GET", "/runs/run-1"),
        new("run bad id", Populated, "GET", "/runs/run!1"),
        new("run missing", Populated, "GET", "/runs/run-9"),
        new("run, table fails", StoreFailing, "GET", "/runs/run-1"),

        // GET / and GET /assets/{file}
        new("dashboard", WithDashboard, "GET", "/"),
        new("dashboard unchanged", WithDashboard, "GET", "/") { Headers = IfNoneMatch(Index) },
        new("dashboard not built", Populated, "GET", "/"),
        new("dashboard, files fail", DashboardFailing, "GET", "/"),
        new("script", WithDashboard, "GET", "/assets/index-AbC123.js"),
        new("style", WithDashboard, "GET", "/assets/index-AbC123.css"),
        new("script unchanged", WithDashboard, "GET", "/assets/index-AbC123.js") { Headers = IfNoneMatch(Script) },
        new("asset missing", WithDashboard, "GET", "/assets/nope.js"),
        new("asset, files fail", DashboardFailing, "GET", "/assets/index-AbC123.js"),
    ];

    private const string ImportPath = "/imports/traffic-policy?name=www&hostedZoneId=Z111&zoneName=example.com&recordName=www.example.com";

    private const string TrafficPolicy = """
        {"AWSPolicyFormatVersion": "2015-10-01", "RecordType": "A", "StartRule": "split",
         "Endpoints": {"a": {"Type": "value", "Value": "192.0.2.10"}, "b": {"Type": "value", "Value": "192.0.2.20"}},
         "Rules": {"split": {"RuleType": "weighted",
           "Items": [{"EndpointReference": "a", "Weight": "3"}, {"EndpointReference": "b", "Weight": "1"}]}}}
        """;

    private static string Draft(string spec) => $$"""{"unhealthy": [], "spec": {{spec}}}""";

    public static ResponseProbe Named(string name) => All.Single(p => p.Name == name);

    /// <summary>The populated tables of the golden tests, plus a tree in a zone outside the allow-list and a torn-down one.</summary>
    private static ApiHarness Populated()
    {
        var api = GoldenResponseTests.Populated();
        api.StoreTree("away", AwayZone);
        var gone = api.StoreTree("gone");
        api.Store.Trees["gone"] = api.Store.Trees["gone"] with { Status = TreeStatus.Deleted };
        _ = gone;
        return api;
    }

    private static ApiHarness Refusing(LaunchRefusal reason)
    {
        var api = Populated();
        api.Runs.Refusal = new LaunchRefusedException(reason, $"refused: {reason}");
        return api;
    }

    private static ApiHarness StoreFailing()
    {
        var api = Populated();
        api.Store.Failure = new InvalidOperationException("the table is gone");
        return api;
    }

    private static ApiHarness ZoneFailing()
    {
        var api = Populated();
        api.Zone.Failure = new InvalidOperationException("the zone reader broke");
        return api;
    }

    private static ApiHarness ZoneThrottling()
    {
        var api = Populated();
        api.Zone.Failure = new AwsServiceException("Throttling", "Rate exceeded", HttpStatusCode.BadRequest, "r", isRetryable: true);
        return api;
    }

    private static ApiHarness ZoneRefusing()
    {
        var api = Populated();
        api.Zone.Failure = new AwsServiceException("NoSuchHostedZone", "gone", HttpStatusCode.NotFound, "r", isRetryable: false);
        return api;
    }

    private static ApiHarness ClaimedAdoption()
    {
        var api = AdoptionRouteTests.Harness();
        ((FakeZoneAdoptions)api.Adoptions!).Owners["www.example.com"] = "status";
        return api;
    }

    private static ApiHarness FailingAdoption()
    {
        var api = AdoptionRouteTests.Harness();
        ((FakeZoneAdoptions)api.Adoptions!).Failure =
            new AwsServiceException("ServiceUnavailable", "down", HttpStatusCode.ServiceUnavailable, "r", isRetryable: false);
        return api;
    }

    private static ApiHarness WithoutDrift()
    {
        var api = new ApiHarness();
        api.StoreTree();
        return api;
    }

    private static ApiHarness WithHealth()
    {
        var api = new ApiHarness
        {
            Health = new FakeHealthStatuses(
                new CheckStatuses("main", "hc-main", ["Success: HTTP Status Code 200, OK", "Failure: timed out", null]),
                new CheckStatuses("standby", "hc-standby", [])),
        };
        api.StoreTree();
        api.StoreTree("fresh", applied: false);
        api.StoreTree("away", AwayZone);
        return api;
    }

    private static DashboardFile File(string path, string contentType, string text) =>
        new(path, contentType, Encoding.UTF8.GetBytes(text), $"\"{path.Length}-{text.Length}\"");

    private static Dictionary<string, string> IfNoneMatch(DashboardFile file) => new() { ["if-none-match"] = file.ETag };

    private static ApiHarness WithDashboard() => new() { Dashboard = new Files(Index, Script, Style) };

    private static ApiHarness DashboardFailing() => new() { Dashboard = new Files() { Failure = new IOException("unreadable") } };

    private sealed class Files(params DashboardFile[] files) : IDashboardFiles
    {
        public Exception? Failure { get; init; }

        public DashboardFile? Find(string path) => Failure is null ? files.FirstOrDefault(f => f.Path == path) : throw Failure;
    }
}
