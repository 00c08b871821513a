namespace Failover.Service.Ports.Route53;

/// <summary>
/// A submitted change (ChangeResourceRecordSets, CreateHostedZone): <see cref="Status"/> is <c>PENDING</c> until every
/// Route 53 name server has it, then <c>INSYNC</c>. <see cref="Id"/> is bare (no <c>/change/</c> prefix).
/// </summary>
public sealed record ChangeInfo(string Id, string Status, DateTimeOffset SubmittedAt, string? Comment = null)
{
    public bool IsInSync => Status == "INSYNC";
}
