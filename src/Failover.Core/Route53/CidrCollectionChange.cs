namespace Failover.Core.Route53;

/// <summary>PUT or DELETE_IF_EXISTS of blocks at one location (API reference, CidrCollectionChange).</summary>
public sealed record CidrCollectionChange(string LocationName, CidrChangeAction Action, IReadOnlyList<string> Blocks)
{
    /// <summary>The Action as the API spells it.</summary>
    public string ActionName => Action == CidrChangeAction.Put ? "PUT" : "DELETE_IF_EXISTS";
}

public enum CidrChangeAction
{
    Put,
    DeleteIfExists,
}
