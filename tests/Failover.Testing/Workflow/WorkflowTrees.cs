using Failover.Core.Spec;

namespace Failover.Testing.Workflow;

/// <summary>The tree the workflow tests apply, in any zone, loaded as the CLI and the API load a spec.</summary>
public static class WorkflowTrees
{
    public const string TwoCheckedEndpoints = """
        [{ "id": "web1", "weight": 10, "endpoint": { "values": ["192.0.2.11"], "healthCheck": {} } },
         { "id": "web2", "weight": 10, "endpoint": { "values": ["192.0.2.12"], "healthCheck": {} } }]
        """;

    /// <summary>
    /// Failover at the root (<c>site</c>): a weighted <c>pool</c> of health-checked endpoints as primary (two unless
    /// <paramref name="pool"/> says otherwise), an endpoint <c>sorry</c> at <paramref name="secondary"/> as secondary,
    /// or the node <paramref name="secondaryNode"/> (JSON) when given.
    /// </summary>
    public static TreeSpec FailoverPool(string tree, string hostedZoneId, string zoneName, string pool = TwoCheckedEndpoints,
        string secondary = "192.0.2.99", string? secondaryNode = null)
    {
        secondaryNode ??= $$"""{ "id": "sorry", "endpoint": { "values": ["{{secondary}}"] } }""";
        var json = $$"""
            {
              "name": "{{tree}}", "hostedZoneId": "{{hostedZoneId}}", "zoneName": "{{zoneName}}", "recordName": "{{tree}}.{{zoneName}}",
              "recordType": "A", "ttl": 60,
              "healthCheckDefaults": { "type": "HTTP", "port": 80, "path": "/health" },
              "root": {
                "id": "site", "routing": "failover",
                "primary": { "id": "pool", "routing": "weighted", "children": {{pool}} },
                "secondary": {{secondaryNode}}
              }
            }
            """;
        var result = SpecLoader.Load(json);
        return result.HasErrors
            ? throw new ArgumentException("the test tree does not load: " + string.Join("; ", result.Diagnostics), nameof(pool))
            : result.Spec!;
    }
}
