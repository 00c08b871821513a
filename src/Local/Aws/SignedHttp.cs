using Amazon.Runtime.Signing;

namespace Failover.Local.Aws;

/// <summary>
/// HttpClients that sign with SigV4 (AWSSDK.Core's signer) as the local account. moto routes a request to a service by
/// the signature's credential scope, so the local stack's own calls to moto (Route 53 zone reads, Step Functions) are
/// signed like any client's.
/// </summary>
public static class SignedHttp
{
    /// <param name="service">The signing name: <c>route53</c>, <c>states</c>, <c>lambda</c>, …</param>
    public static HttpClient Create(string service, Uri baseAddress, TimeSpan? timeout = null) =>
        new(new SigV4SigningHandler(LocalAccount.Credentials, LocalAccount.RegionEndpoint, service,
            new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false }))
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
}
