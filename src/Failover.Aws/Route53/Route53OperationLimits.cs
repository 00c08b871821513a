using Failover.Aws.Http;

namespace Failover.Aws.Route53;

/// <summary>
/// Route 53's per-operation request buckets, as the Developer Guide's page "Throttling for Amazon Route 53 API requests"
/// (section "Request rate token bucket sizes and refill rates") lists them. A request takes a token from the account's
/// bucket (50 tokens, 10 a second) and from its operation's bucket, and is throttled if either is empty.
/// </summary>
/// <remarks>
/// Sources disagree. The older "Quotas" page (DNSLimitations) and the knowledge-center article on throttling say 5
/// requests/s per account and nothing per operation; the throttling page is newer (Route 53 "updated its API throttling
/// behavior", July 2026 per the AWS blog post introducing change-based throttling) and is the authority here. The
/// client still works against an account at 5/s: its account rate starts at 5/s and adapts (<see cref="AdaptiveRate"/>).
/// Only the listed exceptions are here: an operation not listed gets the default bucket (50, 10/s), the account's own
/// size, so the account's bucket, which every request also takes from, always empties first and a client-side copy of
/// it would never be what holds a request back. The table is the one the stored copy of the page showed up to
/// GetHealthCheckStatus; rows after it (if any) fall back to the default bucket until added here.
/// </remarks>
public static class Route53OperationLimits
{
    /// <summary>The bucket of an operation the page does not list ("Any API operation not listed below"): 50, 10 a second.</summary>
    public static readonly OperationLimit Unlisted = new(50, 10);

    public static readonly IReadOnlyDictionary<string, OperationLimit> Documented =
        new Dictionary<string, OperationLimit>(StringComparer.Ordinal)
        {
            ["AssociateVPCWithHostedZone"] = new(20, 5),
            ["ChangeCidrCollection"] = new(40, 5),
            ["CreateCidrCollection"] = new(40, 5),
            // One new check every 2 s once the 50 saved are spent: the slowest bucket a tree's apply meets.
            ["CreateHealthCheck"] = new(50, 0.5),
            ["CreateHostedZone"] = new(40, 2),
            ["CreateReusableDelegationSet"] = new(40, 2),
            ["CreateTrafficPolicyInstance"] = new(1, 1),
            ["DeleteCidrCollection"] = new(40, 5),
            ["DeleteHealthCheck"] = new(15, 3),
            ["DeleteHostedZone"] = new(40, 5),
            ["DeleteReusableDelegationSet"] = new(40, 5),
            ["DeleteTrafficPolicyInstance"] = new(1, 1),
            ["DisassociateVPCFromHostedZone"] = new(10, 5),
            ["GetHealthCheckLastFailureReason"] = new(4, 1),
            ["GetHealthCheckStatus"] = new(4, 1),
        };

    /// <summary>No per-operation pacing: the account's bucket alone (an endpoint that models no operation buckets).</summary>
    public static readonly IReadOnlyDictionary<string, OperationLimit> None =
        new Dictionary<string, OperationLimit>(StringComparer.Ordinal);
}
