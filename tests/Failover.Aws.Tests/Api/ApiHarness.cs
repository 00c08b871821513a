using System.Text;
using System.Text.Json;
using Failover.Api;
using Failover.Service.Zones;
using Failover.Api.Http;
using Failover.Api.Ports;
using Failover.Service.Ports;
using Failover.Core.Diagram;
using Failover.Core.Spec;
using Failover.Service.Logging;
using Failover.Testing;

namespace Failover.Aws.Tests.Api;

/// <summary>The API over in-memory fakes at its ports; requests go straight into <see cref="ApiService.HandleAsync"/>.</summary>
internal sealed class ApiHarness
{
    public const string AllowedZone = "ZALLOWED1";
    public const string OtherZone = "ZOTHER2";

    public InMemoryTreeStore Store { get; } = new();
    public FakeZoneReader Zone { get; } = new();
    public FakeRunLauncher Runs { get; } = new();
    /// <summary>The API's log lines, as the structured logger writes them.</summary>
    public LogCapture Log { get; } = new();
    public FakeDriftChecks? Drift { get; init; }
    public IDashboardFiles Dashboard { get; init; } = NoDashboardFiles.Instance;
    public IHealthStatuses Health { get; init; } = NoHealthStatuses.Instance;
    public IHealthCheckOwners? HealthCheckOwners { get; init; }
    public IZoneAdoptions? Adoptions { get; init; }

    public ApiService Service => _service ??= new ApiService(new ApiDependencies(Store, Zone, Runs,
        new ApiOptions { AllowedZones = new ZoneAllowList([AllowedZone]) })
    {
        Drift = Drift,
        Log = new StructuredLogger(new LogSink(Log, LogLevel.Debug), TimeProvider.System),
        Dashboard = Dashboard,
        Health = Health,
        HealthCheckOwners = HealthCheckOwners,
        Adoptions = Adoptions,
    });

    private ApiService? _service;

    public static ApiHarness WithDrift(Dictionary<string, DriftState> states) => new() { Drift = new FakeDriftChecks(states) };

    /// <param name="asClient">
    /// Sends the X-Failover-Client header, as the dashboard and the tests' clients do; false for a request as a page on
    /// another site could make a browser send it.
    /// </param>
    public Task<ApiResponse> SendAsync(string method, string path, string? body = null, string? contentType = "application/json",
        IReadOnlyDictionary<string, string>? headers = null, bool asClient = true)
    {
        var (rawPath, query) = Split(path);
        var allHeaders = new Dictionary<string, string>(headers ?? new Dictionary<string, string>());
        if (asClient) allHeaders[MutationGuard.ClientHeader] = "tests";
        if (body is not null && contentType is not null) allHeaders["content-type"] = contentType;
        return Service.HandleAsync(new ApiRequest(method, rawPath)
        {
            Query = query,
            Headers = allHeaders,
            Body = body is null ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes(body),
            RequestId = "req-1",
        });
    }

    public TreeSpec StoreTree(string name = "status", string zone = AllowedZone, bool applied = true)
    {
        var spec = SpecLoader.Load(Specs.Failover(name, zone)).Spec!;
        Store.Add(spec, applied);
        return spec;
    }

    public static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement.Clone();

    /// <summary>The problem document's type name (after urn:failover:problem:).</summary>
    public static string ProblemName(ApiResponse response)
    {
        Assert.Equal("application/problem+json", response.ContentType);
        return Json(response).GetProperty("type").GetString()!.Split(':').Last();
    }

    public static IReadOnlyList<string> ErrorPaths(ApiResponse response) =>
        Json(response).GetProperty("errors").EnumerateArray()
            .Select(e => e.TryGetProperty("path", out var path) ? path.GetString()! : "?" + e.GetProperty("parameter").GetString())
            .ToList();

    private static (string Path, Dictionary<string, string> Query) Split(string path)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        var mark = path.IndexOf('?');
        if (mark < 0) return (path, query);
        foreach (var pair in path[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            query[Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals])] = equals < 0 ? ""
                : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }
        return (path[..mark], query);
    }
}

/// <summary>Spec texts for the API tests.</summary>
internal static class Specs
{
    public static string Failover(string name = "status", string zone = ApiHarness.AllowedZone) => $$"""
        {
          "name": "{{name}}",
          "hostedZoneId": "{{zone}}",
          "zoneName": "example.com",
          "recordName": "{{name}}.example.com",
          "recordType": "AAAA",
          "root": {
            "id": "root",
            "routing": "failover",
            "primary": { "id": "main", "endpoint": { "values": ["2001:db8::10"], "healthCheck": { "type": "HTTPS", "path": "/status" } } },
            "secondary": { "id": "standby", "endpoint": { "values": ["2001:db8::20"] } }
          }
        }
        """;

    public static string FailoverYaml(string name = "status", string zone = ApiHarness.AllowedZone) => $"""
        name: {name}
        hostedZoneId: {zone}
        zoneName: example.com
        recordName: {name}.example.com
        recordType: AAAA
        root:
          id: root
          routing: failover
          primary: {"{"} id: main, endpoint: {"{"} values: ["2001:db8::10"], healthCheck: {"{"} type: HTTPS, path: /status {"}"} {"}"} {"}"}
          secondary: {"{"} id: standby, endpoint: {"{"} values: ["2001:db8::20"] {"}"} {"}"}
        """;
}
