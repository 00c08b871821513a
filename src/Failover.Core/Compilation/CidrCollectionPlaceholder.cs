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
/// The CIDR collection an ip-based rule owns: its name in the account, the reference it is created with, and each location's
/// blocks.
/// </summary>
public sealed record DesiredCidrCollection(string RuleId, string Name, IReadOnlyDictionary<string, IReadOnlyList<string>> Locations)
{
    private const string Prefix = "failover-";

    /// <summary>Deterministic for the name (and the run's salt), so a create whose answer was lost is sent again unchanged and
    /// Route 53 answers with the collection it made (API reference, CreateCidrCollection.CallerReference).</summary>
    public string CallerReference { get; init; } = Name;

    /// <summary>
    /// <c>failover-&lt;tree&gt;_&lt;rule&gt;</c>. The name is how the tree knows its collections: Route 53 keeps no tags on
    /// them (API reference, ChangeTagsForResource: ResourceType is healthcheck or hostedzone) and ListCidrCollections does not
    /// answer the CallerReference. Node ids never hold '_', so the last one splits tree from rule without doubt, and two trees
    /// never share a collection (CreateCidrCollection.Name is unique in the account).
    /// </summary>
    public static string NameFor(string tree, string ruleId) => $"{Prefix}{tree}_{ruleId}";

    /// <summary>The tree a collection name belongs to (null: not one of this service's names).</summary>
    public static string? TreeOf(string name)
    {
        var split = name.LastIndexOf('_');
        return name.StartsWith(Prefix, StringComparison.Ordinal) && split > Prefix.Length && split < name.Length - 1
            ? name[Prefix.Length..split] : null;
    }

    /// <summary>The rule a collection name belongs to (null: not one of this service's names).</summary>
    public static string? RuleOf(string name) => TreeOf(name) is null ? null : name[(name.LastIndexOf('_') + 1)..];
}
