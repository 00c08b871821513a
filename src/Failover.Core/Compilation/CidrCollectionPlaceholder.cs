namespace Failover.Core.Compilation;

/// <summary>
/// The stand-in for the id of an ip-based rule's CIDR collection before it exists: <c>{{cidrcollection:&lt;ruleId&gt;}}</c>.
/// Route 53 gives a collection its id (a UUID) when it is created (API reference, CreateCidrCollection), so records carry
/// the placeholder until then, as they do for health checks.
/// </summary>
public static class CidrCollectionPlaceholder
{
    private const string Start = "{{cidrcollection:";
    private const string End = "}}";

    public static string For(string ruleId) => Start + ruleId + End;

    public static bool TryGetRuleId(string? collectionId, out string ruleId)
    {
        ruleId = "";
        if (collectionId is null || !collectionId.StartsWith(Start, StringComparison.Ordinal)
            || !collectionId.EndsWith(End, StringComparison.Ordinal))
            return false;
        ruleId = collectionId[Start.Length..^End.Length];
        return ruleId.Length > 0;
    }
}

/// <summary>
/// The CIDR collection an ip-based rule owns: its name in the account and each location's blocks.
/// </summary>
public sealed record DesiredCidrCollection(string RuleId, string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Locations)
{
    /// <summary>The collection's name: the tree's and the rule's, so two trees never share one (CreateCidrCollection.Name is unique
    /// in the account).</summary>
    public static string NameFor(string tree, string ruleId) => $"failover-{tree}-{ruleId}";
}
