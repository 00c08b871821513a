namespace Failover.Aws.Http;

/// <summary>
/// The checks every JSON-protocol client's options share (Step Functions, EventBridge, CloudWatch): a region name that can
/// go into an endpoint's host and a SigV4 scope, and an endpoint override that is an absolute http(s) URL.
/// </summary>
internal static class ClientOptionRules
{
    public static void ValidateRegionAndEndpoint(string owner, string? region, Uri? endpoint)
    {
        if (string.IsNullOrWhiteSpace(region) || region.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            throw new ArgumentException($"{owner}.Region must be an AWS region name such as us-east-1; it is '{region}'.", "Region");
        if (endpoint is not null
            && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
            throw new ArgumentException($"{owner}.Endpoint must be an absolute http or https URL; it is '{endpoint}'.", "Endpoint");
    }
}
