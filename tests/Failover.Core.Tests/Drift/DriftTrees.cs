using Failover.Core.Spec;
using Failover.Testing;

namespace Failover.Core.Tests.Drift;

/// <summary>Trees for the drift tests beyond <see cref="SampleTrees.Www"/>.</summary>
internal static class DriftTrees
{
    /// <summary>
    /// A weighted root over two health-checked endpoints and a nested failover rule (so a helper name), whose
    /// secondary names an existing health check by id.
    /// </summary>
    public static TreeSpec Weighted(string externalCheckId = "external-check") => SampleTrees.With(new TreeNode
    {
        Id = "root", Path = "$.root", Routing = RoutingPolicy.Weighted,
        Children =
        [
            SampleTrees.Endpoint("a", "$.root.children[0]", "192.0.2.1", new HealthCheckSettings()) with { Weight = 10 },
            SampleTrees.Endpoint("b", "$.root.children[1]", "192.0.2.2", new HealthCheckSettings()) with { Weight = 20 },
            new TreeNode
            {
                Id = "pair", Path = "$.root.children[2]", Weight = 5, Routing = RoutingPolicy.Failover,
                Primary = SampleTrees.Endpoint("main", "$.root.children[2].primary", "198.51.100.1", new HealthCheckSettings()),
                Secondary = new TreeNode
                {
                    Id = "spare", Path = "$.root.children[2].secondary",
                    Endpoint = new EndpointSpec { Values = ["198.51.100.2"], HealthCheckId = externalCheckId },
                },
            },
        ],
    }, name: "api");
}
