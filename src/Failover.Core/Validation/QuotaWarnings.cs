namespace Failover.Core.Validation;

/// <summary>
/// Account quotas a tree can outgrow on its own. They can be raised, so a tree beyond one is warned about, not refused:
/// with the default quota its apply fails at the health check layer (TooManyHealthChecks).
/// </summary>
internal static class QuotaWarnings
{
    /// <summary>Developer Guide, "Quotas" (Quotas on health checks): "Health checks: 200 active health checks per AWS
    /// account".</summary>
    public const int DefaultHealthCheckQuota = 200;

    public static void Check(ValidationContext context)
    {
        var checks = 0;
        foreach (var visited in context.Nodes)
            if (CalculatedChildRules.OwnedCheck(visited, context.Spec) is not null) checks++;
        if (checks > DefaultHealthCheckQuota)
            context.Warning("$.root", $"the tree creates {checks} health checks, and Route 53's default quota is "
                + $"{DefaultHealthCheckQuota} active health checks per account, the account's other checks included (Developer Guide, "
                + "Quotas): ask for a higher quota before applying it, or its health check layer is refused (TooManyHealthChecks)");
    }
}
