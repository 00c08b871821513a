using Failover.Service.Ports;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace Failover.Aws.Http;

/// <summary>
/// Signs requests with Signature Version 4 through AWSSDK.Core's public signer, for one service and region. Signing
/// is never done by hand here: the SDK's signer is what every AWS SDK for .NET client uses.
/// </summary>
public sealed class AwsRequestSigner(AWSCredentials credentials, RegionEndpoint region, string service)
{
    public AWSCredentials Credentials { get; } = credentials;
    public RegionEndpoint Region { get; } = region;
    /// <summary>The signing name: <c>route53</c>, <c>states</c>.</summary>
    public string Service { get; } = service;

    /// <summary>
    /// Computes the headers to add (<c>Authorization</c>, <c>X-Amz-Date</c>, <c>X-Amz-Content-Sha256</c> and, with
    /// session credentials, <c>X-Amz-Security-Token</c>). <paramref name="headers"/> are the headers sent with the
    /// request that must be signed (content type, target); the signer adds the host from the URI.
    /// </summary>
    public async Task<IDictionary<string, string>> SignAsync(
        HttpMethod method, Uri uri, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body, DateTime signedAtUtc,
        CancellationToken cancellationToken = default)
    {
        var request = new AWSSigningRequest { HttpMethod = method, RequestUri = uri, Content = body ?? [] };
        foreach (var (name, value) in headers) request.Headers[name] = value;
        var parameters = new AWSSigV4Parameters
        {
            Credentials = Credentials,
            Region = Region,
            Service = Service,
            SignedAt = DateTime.SpecifyKind(signedAtUtc, DateTimeKind.Utc),
        };
        var result = await AWSSigV4Signer.SignAsync(request, parameters, cancellationToken).ConfigureAwait(false);
        return result.Headers;
    }
}
