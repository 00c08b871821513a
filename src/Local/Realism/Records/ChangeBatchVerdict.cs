namespace Failover.Local.Realism.Records;

/// <summary>
/// Why Route 53 would refuse a change batch: the error code (<c>InvalidChangeBatch</c> or <c>InvalidInput</c>), its
/// messages, and the rule that fired (a counter name in the realism stats).
/// </summary>
public sealed record ChangeBatchVerdict(string Code, string Rule, IReadOnlyList<string> Messages)
{
    public const string InvalidChangeBatch = nameof(InvalidChangeBatch);
    public const string InvalidInput = nameof(InvalidInput);
}
