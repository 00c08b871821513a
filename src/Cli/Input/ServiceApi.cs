using System.Net;
using Amazon;
using Failover.Aws.Http;
using Failover.Service.Ports;
using Failover.Core.Contracts;

namespace Failover.Cli.Input;

/// <summary>A response of the service's HTTP API: the status, and the body as text.</summary>
public sealed record ServiceApiResponse(HttpStatusCode Status, string? ContentType, string Body)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>
/// The service's HTTP API, as <c>--api URL</c> names it. Requests to a deployed API (<c>*.execute-api.*</c>) are
/// signed with SigV4 for execute-api with the SDK's credential chain, as API Gateway's IAM authorisation requires;
/// the local stack's API on loopback takes them unsigned.
/// </summary>
public sealed class ServiceApi(Uri baseUrl, AwsRequestSigner? signer, HttpClient http)
{
    public Uri BaseUrl { get; } = baseUrl;

    public static ServiceApi Create(string url, HttpClient http)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliUsageException($"--api must be the service's http(s) URL (e.g. http://127.0.0.1:3000); it is '{url}'");
        var signer = uri.IsLoopback ? null : new AwsRequestSigner(AwsEnvironment.DefaultCredentials(), RegionOf(uri), "execute-api");
        return new ServiceApi(uri, signer, http);
    }

    /// <summary>GET a path of the API (e.g. <c>/trees/www/plan</c>); throws <see cref="CliFailureException"/> when the service cannot be
    /// reached.</summary>
    public async Task<ServiceApiResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        var uri = new Uri(BaseUrl.AbsoluteUri.TrimEnd('/') + path);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/json");
        if (signer is not null)
            foreach (var (name, value) in await signer.SignAsync(HttpMethod.Get, uri, [], null, DateTime.UtcNow, cancellationToken))
                request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return new ServiceApiResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException($"the service at {BaseUrl} could not be reached: {e.Message}");
        }
    }

    /// <summary>
    /// What a failed response says, as lines for stderr: the problem's detail, then each error with its path
    /// (RFC 9457 documents from the service; API Gateway's own {"message"} otherwise).
    /// </summary>
    public static IReadOnlyList<string> Describe(ServiceApiResponse response)
    {
        var lines = new List<string>();
        try
        {
            var problem = WireJson.Read<ProblemDocument>(response.Body, "the answer", "not an object");
            var detail = problem.Detail
                ?? WireJson.Read<GatewayMessageDocument>(response.Body, "the answer", "not an object").Message
                ?? response.Body;
            var type = problem.Type?.Split(':')[^1];
            lines.Add($"the service answered {(int)response.Status}{(type is null ? "" : " " + type)}: {detail}");
            foreach (var error in problem.Errors ?? []) lines.Add($"{error.Path ?? error.Parameter ?? "$"}: {error.Message}");
            return lines;
        }
        catch (FormatException)
        {
        }
        lines.Add($"the service answered {(int)response.Status}: " +
            $"{(response.Body.Length > 200 ? response.Body[..200] + "…" : response.Body)}");
        return lines;
    }

    // https://abc123.execute-api.eu-west-1.amazonaws.com: the region is in the host; a custom domain needs AWS_REGION.
    private static RegionEndpoint RegionOf(Uri uri)
    {
        var labels = uri.Host.Split('.');
        var at = Array.IndexOf(labels, "execute-api");
        return at >= 0 && at + 1 < labels.Length ? RegionEndpoint.GetBySystemName(labels[at + 1]) : AwsEnvironment.DefaultRegion();
    }
}
