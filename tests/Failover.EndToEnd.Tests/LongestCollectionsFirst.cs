using Failover.EndToEnd.Tests.Api;
using Failover.EndToEnd.Tests.Drift;
using Failover.EndToEnd.Tests.Workflow;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Failover.EndToEnd.Tests.LongestCollectionsFirst", "Failover.EndToEnd.Tests")]

namespace Failover.EndToEnd.Tests;

/// <summary>
/// xUnit starts collections in this order as its threads (xunit.runner.json) free up. The longest go first: started
/// last, one of them would run alone at the end while the other threads sit idle, and the tier would take as long as
/// that collection's start plus its length. The rest follow by name, so the order is the same on every run.
/// </summary>
public sealed class LongestCollectionsFirst : ITestCollectionOrderer
{
    // Longest first, as measured (docs/testing.md says how to measure again).
    private static readonly string[] Longest =
    [
        RoutingStackCollection.Name, ExamplesStackCollection.Name, AdoptionStackCollection.Name, DriftStackCollection.Name,
        ApiStackCollection.Name, WorkflowStackCollection.Name,
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Rank(c.DisplayName)).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(string name)
    {
        var rank = Array.IndexOf(Longest, name);
        return rank < 0 ? Longest.Length : rank;
    }
}
