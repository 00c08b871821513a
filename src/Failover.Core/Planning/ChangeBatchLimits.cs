namespace Failover.Core.Planning;

/// <summary>What one ChangeResourceRecordSets request may carry.</summary>
/// <param name="MaxResourceRecords">Route 53: 1,000 ResourceRecord elements per request (an UPSERT's count twice).</param>
/// <param name="MaxValueCharacters">Route 53: 32,000 characters over all Value elements (an UPSERT's count twice).</param>
/// <param name="MaxChanges">
/// Route 53 documents no Change-element limit today (it once was 100); alias changes carry no ResourceRecord at all,
/// so this caps the request body of alias-only layers.
/// </param>
public sealed record ChangeBatchLimits(int MaxResourceRecords = 1000, int MaxValueCharacters = 32_000, int MaxChanges = 1000)
{
    public static ChangeBatchLimits Route53 { get; } = new();
}
